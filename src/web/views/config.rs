//! Config vars: edit values, add rows, remove keys. Edits apply as one
//! `config:set` (one release); removals as one `config:unset`.

use super::{blocked, current_app, for_app, use_store};
use crate::engine::config::{check_key, SnapshotId};
use leptos::ev::SubmitEvent;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
struct Draft {
    id: usize,
    key: RwSignal<String>,
    value: RwSignal<String>,
    remove: RwSignal<bool>,
    original: Option<(String, String)>,
}

#[component]
pub fn ConfigVars() -> impl IntoView {
    let store = use_store();
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let next_id = StoredValue::new(0usize);
    let error = RwSignal::new(None::<String>);
    let new_draft = move |original: Option<(String, String)>| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let (key, value) = original.clone().unwrap_or_default();
        Draft { id, key: RwSignal::new(key), value: RwSignal::new(value), remove: RwSignal::new(false), original }
    };
    // Reload the rows when the chosen app or its config changes, and only
    // then: unsaved edits survive a deploy, a clock change or another app's
    // activity. (A config change from another tab does replace them.)
    let loaded = StoredValue::new(None::<(String, SnapshotId)>);
    Effect::new(move |_| {
        let app = current_app(store);
        let shown = app.clone().and_then(|name| store.world.with(|w| w.app(&name).ok().map(|a| (name, a.head_config()))));
        if loaded.get_value() == shown {
            return;
        }
        loaded.set_value(shown);
        let vars: Vec<(String, String)> = app
            .map(|app| store.world.with(|w| w.app(&app).map(|a| a.config_vars().iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap_or_default()))
            .unwrap_or_default();
        drafts.set(vars.into_iter().map(|kv| new_draft(Some(kv))).collect());
        error.set(None);
    });
    let key_problem = |draft: &Draft| key_error(draft.key, draft.value, draft.original.is_some());
    let apply = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(app) = current_app(store) else { return };
        let rows = drafts.get_untracked();
        if rows.iter().any(|d| key_problem(d).is_some()) {
            error.set(Some("Fix the highlighted keys; nothing was applied.".into()));
            return;
        }
        let mut set = Vec::new();
        let mut unset = Vec::new();
        for row in &rows {
            let (key, value) = (row.key.get_untracked(), row.value.get_untracked());
            match &row.original {
                Some((k, _)) if row.remove.get_untracked() => unset.push(k.clone()),
                Some((_, v)) if *v == value => {}
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
        error.set(None);
        if !store.claim() {
            return;
        }
        leptos::task::spawn_local(async move {
            for line in lines {
                let output = store.run(line).await;
                if let Some(failure) = output.effect.failure {
                    error.set(Some(failure.message.replace('\n', " ")));
                    return;
                }
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="config-title">
            <h2 id="config-title">"Config vars"</h2>
            <form on:submit=apply>
                <table class="vars-edit">
                    <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th><th scope="col">"Remove"</th></tr></thead>
                    <tbody>
                        <For each=move || drafts.get() key=|d| d.id let:draft>
                            {
                                let (key, value, existing) = (draft.key, draft.value, draft.original.is_some());
                                let problem = move || key_error(key, value, existing);
                                let key_id = format!("config-key-{}", draft.id);
                                let error_id = format!("config-key-error-{}", draft.id);
                                view! {
                                    <tr>
                                        <td>
                                            <label for=key_id.clone() class="visually-hidden">"Key"</label>
                                            <input id=key_id type="text" bind:value=draft.key readonly=existing
                                                aria-invalid=move || problem().is_some().to_string()
                                                aria-describedby=error_id.clone()/>
                                            <span id=error_id class="field-error" role="alert">{problem}</span>
                                        </td>
                                        <td>
                                            <input type="text" bind:value=draft.value aria-label=move || row_name("Value of", draft.key)/>
                                        </td>
                                        <td>
                                            {if existing {
                                                Either::Left(view! {
                                                    <input type="checkbox" bind:checked=draft.remove aria-label=move || format!("Remove {}", draft.key.get())/>
                                                })
                                            } else {
                                                // A row not yet applied is simply dropped.
                                                let id = draft.id;
                                                Either::Right(view! {
                                                    <button type="button" class="link" on:click=move |_| drafts.update(|d| d.retain(|row| row.id != id))
                                                        aria-label=move || row_name("Discard", draft.key)>"Discard"</button>
                                                })
                                            }}
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <div class="row">
                    <button type="button" data-repeatable on:click=move |_| {
                        let draft = new_draft(None);
                        let key_id = format!("config-key-{}", draft.id);
                        drafts.update(|d| d.push(draft));
                        // Type the new key at once: focus it once it is drawn.
                        request_animation_frame(move || {
                            if let Some(field) = document().get_element_by_id(&key_id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                                let _ = field.focus();
                            }
                        });
                    }>"Add a row"</button>
                    <button type="submit" disabled=move || blocked(store).is_some() title=move || blocked(store)>"Apply changes"</button>
                </div>
                <p class="form-error" role="alert">{move || error.get()}</p>
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
fn key_error(key: RwSignal<String>, value: RwSignal<String>, existing: bool) -> Option<String> {
    let key = key.get();
    if existing || (key.is_empty() && value.get().is_empty()) {
        return None;
    }
    check_key(&key).err().map(|problem| crate::cli::errors::key_problem(problem, &key))
}
