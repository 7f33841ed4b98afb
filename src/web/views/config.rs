//! Config vars: edit values, add rows, remove keys. Edits apply as one
//! `config:set` (one release); removals as one `config:unset`.
//!
//! The rows are drafts over the app's config. When the config changes (this
//! tab's Apply, another tab, a rollback), the drafts are merged into it, not
//! replaced: an unsaved edit or new row stays until it is applied or
//! discarded; untouched rows take the new values.

use super::{blocked, current_app, for_app, run_lines, use_store, form_note};
use crate::cli::errors;
use crate::engine::config::{check_key, CONFIG_LIMIT_BYTES};
use crate::engine::EngineError;
use crate::web::store::Store;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
struct Draft {
    id: usize,
    key: RwSignal<String>,
    value: RwSignal<String>,
    remove: RwSignal<bool>,
    /// The applied value, for a row whose key the app has. A signal: a
    /// merge changes it under a row that stays drawn.
    original: RwSignal<Option<String>>,
}

impl Draft {
    fn edited(&self) -> bool {
        self.original.with_untracked(|o| o.as_ref().is_some_and(|original| self.value.with_untracked(|v| v != original)))
    }

    /// `edited`, for a view that redraws when the value changes.
    fn edited_tracked(&self) -> bool {
        self.original.with(|o| o.as_ref().is_some_and(|original| self.value.with(|v| v != original)))
    }

    fn exists(&self) -> bool {
        self.original.with_untracked(Option::is_some)
    }
}

/// The drafts after the app's config became `vars`: existing keys in the
/// config's order, then the rows not applied yet, in the order they were added.
fn merge(drafts: Vec<Draft>, vars: &[(String, String)], mut new_draft: impl FnMut(String, String) -> Draft) -> Vec<Draft> {
    let mut existing: Vec<Option<Draft>> = vec![None; vars.len()];
    let mut unsaved = Vec::new();
    let position = |key: &str| vars.iter().position(|(k, _)| k == key);
    // Where several rows have one key, the row holding the applied value
    // takes it (two new rows K=a and K=b apply as K=b): those go first.
    let holds_applied = |draft: &Draft| draft.key.with_untracked(|key| position(key)).is_some_and(|at| draft.value.with_untracked(|v| *v == vars[at].1));
    let (applied, others): (Vec<Draft>, Vec<Draft>) = drafts.into_iter().partition(holds_applied);
    for draft in applied.into_iter().chain(others) {
        let key = draft.key.get_untracked();
        let (changed, remove) = (draft.edited(), draft.remove.get_untracked());
        match position(&key) {
            Some(at) if existing[at].is_none() => {
                let applied = vars[at].1.clone();
                if draft.exists() && !changed {
                    draft.value.set(applied.clone());
                }
                draft.original.set(Some(applied));
                existing[at] = Some(draft);
            }
            // The key went away elsewhere: an edit stays as a new row; a
            // row only marked for removal has nothing left to do.
            None if draft.exists() => {
                if changed && !remove {
                    draft.original.set(None);
                    unsaved.push(draft);
                }
            }
            // A second row for a key the app has: gone once its value is applied.
            Some(at) if draft.value.with_untracked(|v| *v == vars[at].1) => {}
            // An edit another row's value won over stays, as a new row.
            _ if draft.exists() => {
                if changed && !remove {
                    draft.original.set(None);
                    unsaved.push(draft);
                }
            }
            _ => unsaved.push(draft),
        }
    }
    let mut rows: Vec<Draft> = existing
        .into_iter()
        .zip(vars)
        .map(|(draft, (key, value))| draft.unwrap_or_else(|| new_draft(key.clone(), value.clone())))
        .collect();
    rows.extend(unsaved);
    rows
}

/// The config after this tab's `config:set` would run, before its
/// `config:unset`: when it passes 32 kB the engine would refuse the set.
/// Returns the changed row with the largest value, to show the reason
/// beside, and the reason.
fn too_large(rows: &[Draft]) -> Option<(usize, String)> {
    // Each key with the bytes it would take.
    let mut config: Vec<(String, usize)> = Vec::new();
    for row in rows {
        if let Some(original) = row.original.get() {
            config.push((row.key.get(), row.key.with(String::len) + original.len()));
        }
    }
    let mut changed: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        let (key, value) = (row.key.get(), row.value.get());
        // Apply unsets a row marked for removal; its edit never counts.
        if key.is_empty() || (row.original.with(Option::is_some) && (!row.edited_tracked() || row.remove.get())) {
            continue;
        }
        changed.push((value.len(), row.id));
        let size = key.len() + value.len();
        match config.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = size,
            None => config.push((key, size)),
        }
    }
    let bytes: usize = config.iter().map(|(_, size)| size).sum();
    if bytes <= CONFIG_LIMIT_BYTES {
        return None;
    }
    let culprit = changed.iter().max().map(|&(_, id)| id)?;
    Some((culprit, errors::message(&EngineError::ConfigTooLarge { bytes, limit: CONFIG_LIMIT_BYTES })))
}

#[component]
pub fn ConfigVars() -> impl IntoView {
    let store = use_store();
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let next_id = StoredValue::new(0usize);
    let error = RwSignal::new(None::<String>);
    // A draft outlives the effect run that made it (a merge keeps it), so
    // its signals belong to this component, not to that run.
    let owner = StoredValue::new(Owner::current());
    let new_draft = move |key: String, value: String, original: Option<String>| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let make = || Draft { id, key: RwSignal::new(key), value: RwSignal::new(value), remove: RwSignal::new(false), original: RwSignal::new(original) };
        match owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    };
    // Merge when the chosen app's config changes, and only then: a deploy,
    // a clock change or another app's activity leave the rows alone. A
    // different app starts afresh.
    let loaded = StoredValue::new(None::<(String, crate::engine::config::SnapshotId)>);
    Effect::new(move |_| {
        let app = current_app(store);
        let shown = app.clone().and_then(|name| store.world.with(|w| w.app(&name).ok().map(|a| (name, a.head_config()))));
        let before = loaded.get_value();
        if before == shown {
            return;
        }
        let same_app = before.as_ref().map(|(name, _)| name) == shown.as_ref().map(|(name, _)| name);
        loaded.set_value(shown);
        let vars: Vec<(String, String)> = app
            .map(|app| store.world.with(|w| w.app(&app).map(|a| a.config_vars().iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap_or_default()))
            .unwrap_or_default();
        let kept = if same_app { drafts.get_untracked() } else { Vec::new() };
        drafts.set(merge(kept, &vars, |key, value| new_draft(key, value.clone(), Some(value))));
        if !same_app {
            error.set(None);
        }
    });
    let oversize = move || drafts.with(|rows| too_large(rows));
    let key_problem = move |draft: &Draft| key_error(store, draft.key, draft.value, draft.exists());
    let apply = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(app) = current_app(store) else { return };
        let rows = drafts.get_untracked();
        if rows.iter().any(|d| key_problem(d).is_some()) || drafts.with_untracked(|rows| too_large(rows)).is_some() {
            error.set(Some("Fix the highlighted rows; nothing was applied.".into()));
            return;
        }
        let mut set = Vec::new();
        let mut unset = Vec::new();
        for row in &rows {
            let (key, value) = (row.key.get_untracked(), row.value.get_untracked());
            match row.original.get_untracked() {
                Some(_) if row.remove.get_untracked() => unset.push(key),
                Some(_) if !row.edited() => {}
                _ if key.is_empty() => {}
                _ => set.push(format!("{key}={value}")),
            }
        }
        let mut lines = Vec::new();
        if !set.is_empty() {
            let mut words = vec!["heroku", "config:set"];
            words.extend(set.iter().map(String::as_str));
            lines.push(for_app(&app, &words));
        }
        if !unset.is_empty() {
            let mut words = vec!["heroku", "config:unset"];
            words.extend(unset.iter().map(String::as_str));
            lines.push(for_app(&app, &words));
        }
        if lines.is_empty() {
            error.set(Some("Nothing to apply: no value changed.".into()));
            return;
        }
        run_lines(store, lines, error);
    };
    view! {
        <section class="panel" aria-labelledby="config-title">
            <h2 id="config-title">"Config vars"</h2>
            <form on:submit=apply>
                <table class="vars-edit">
                    <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th><th scope="col">"Remove"</th></tr></thead>
                    <tbody>
                        // A row turns from new to existing when its key is
                        // applied: keyed by both, it is drawn anew then.
                        <For each=move || drafts.get() key=|d| (d.id, d.exists()) let:draft>
                            {
                                let (id, key, value, existing) = (draft.id, draft.key, draft.value, draft.exists());
                                let problem = move || key_error(store, key, value, existing);
                                // Only a changed row can be the one that is too large; an
                                // unchanged one then reads no other row's signals.
                                let value_problem = move || (!existing || draft.edited_tracked()).then(oversize).flatten().filter(|(culprit, _)| *culprit == id).map(|(_, why)| why);
                                let key_id = format!("config-key-{id}");
                                let error_id = format!("config-key-error-{id}");
                                let value_error_id = format!("config-value-error-{id}");
                                let edited = move || draft.edited_tracked();
                                let original = draft.original;
                                view! {
                                    <tr class:edited=edited>
                                        <td>
                                            <label for=key_id.clone() class="visually-hidden">"Key"</label>
                                            <input id=key_id type="text" bind:value=key readonly=existing
                                                aria-invalid=move || problem().is_some().to_string()
                                                aria-describedby=error_id.clone()/>
                                            <span id=error_id class="field-error" role="alert">{problem}</span>
                                        </td>
                                        <td>
                                            <input type="text" bind:value=value aria-label=move || row_name("Value of", key)
                                                aria-invalid=move || value_problem().is_some().to_string()
                                                aria-describedby=value_error_id.clone()/>
                                            <span id=value_error_id class="field-error" role="alert">{value_problem}</span>
                                        </td>
                                        <td>
                                            // An applied row has Remove, and Revert while edited; a row
                                            // not yet applied has Discard, which simply drops it. One
                                            // button serves both (a view per case costs wasm).
                                            <input type="checkbox" hidden=!existing bind:checked=draft.remove aria-label=move || format!("Remove {}", key.get())/>
                                            <button type="button" class="link" hidden=move || existing && !edited()
                                                on:click=move |_| if existing {
                                                    value.set(original.get_untracked().unwrap_or_default())
                                                } else {
                                                    drafts.update(|d| d.retain(|row| row.id != id))
                                                }
                                                aria-label=move || row_name(if existing { "Revert" } else { "Discard" }, key)>
                                                {if existing { "Revert" } else { "Discard" }}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                // Both buttons as one string with one click handler (`data-add`): see `crate::markup`.
                <div class="row" inner_html=super::html(move || {
                    let mut out = crate::markup::Markup::new();
                    out.s(r#"<button type="button" data-repeatable data-add>Add a row</button><button type="submit""#).off(blocked(store));
                    out.s(">Apply changes</button>");
                    out.0
                }) on:click=super::click(move |ev| {
                    if super::clicked(&ev, "[data-add]").is_none() {
                        return;
                    }
                    let draft = new_draft(String::new(), String::new(), None);
                    let key_id = format!("config-key-{}", draft.id);
                    drafts.update(|d| d.push(draft));
                    // Type the new key at once: focus it once it is drawn.
                    request_animation_frame(move || {
                        if let Some(field) = document().get_element_by_id(&key_id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = field.focus();
                        }
                    });
                })></div>
                {form_note(error, "")}
            </form>
        </section>
    }
}

/// "Value of KEY" for a row's field, or "… the new row" before it has a key.
fn row_name(action: &str, key: RwSignal<String>) -> String {
    let key = key.get();
    if key.trim().is_empty() {
        format!("{action} the new row")
    } else {
        format!("{action} {key}")
    }
}

/// Why a new row's key would be refused; existing and empty rows are fine.
fn key_error(store: Store, key: RwSignal<String>, value: RwSignal<String>, existing: bool) -> Option<String> {
    let key = key.get();
    if existing || (key.is_empty() && value.get().is_empty()) {
        return None;
    }
    check_key(&key, store.world.with(|w| w.schema_version)).err().map(|problem| errors::key_problem(problem, &key))
}
