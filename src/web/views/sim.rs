//! Simulation controls: who acts, the clock, retention, output style,
//! resetting the app, and export/import of the whole workspace.

use super::notices::download;
use super::{blocked, current_app, for_app, run_lines, use_store, form_note};
use crate::cli::compose;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::web::store::{Store, SHOWN};
use crate::workspace::{self, WorkspaceError};
use wasm_bindgen::JsCast;

#[component]
pub fn Simulation() -> impl IntoView {
    let store = use_store();
    let user = RwSignal::new(store.world.with_untracked(|w| w.user.clone()));
    // The field follows who acts: after a reload (the world loads after
    // this view is made), an undo, or another tab's `sim user`.
    let acting = Memo::new(move |_| store.world.with(|w| w.user.clone()));
    Effect::new(move |_| user.set(acting.get()));
    let amount = RwSignal::new("1".to_string());
    // Why the last command of each group was refused, shown beside it.
    let (user_note, clock_note, settings_note) = (RwSignal::new(None), RwSignal::new(None), RwSignal::new(None));
    let unit = RwSignal::new("d".to_string());
    // What the last import did: done (Ok) or refused (Err), in words.
    let import_note = RwSignal::new(None::<Result<String, String>>);
    let clock = move || store.world.with(|w| w.clock.stamp(w.now(), '-'));
    let retention = move || current_app(store).and_then(|a| store.world.with(|w| w.app(&a).ok().map(|a| a.retention.name().to_string()))).unwrap_or_default();
    let style = move || store.world.with(|w| w.style.name());
    let set_user = move |ev: SubmitEvent| {
        ev.prevent_default();
        run_lines(store, vec![compose::line(["sim", "user", user.get_untracked().trim()])], user_note);
    };
    let advance_custom = move |ev: SubmitEvent| {
        ev.prevent_default();
        run_lines(store, vec![compose::line(["sim", "advance", &format!("{}{}", amount.get_untracked().trim(), unit.get_untracked())])], clock_note);
    };
    let reset_app = move || {
        let Some(app) = current_app(store) else { return };
        let question = format!("Delete {app} with all its releases, config vars and add-ons, and create it again empty? Export first to keep them.");
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let generation = store.world.with_untracked(|w| w.app(&app).map(|a| a.generation.name()).unwrap_or("cedar"));
        run_lines(store, vec![
            compose::line(["heroku", "apps:destroy", app.as_str(), "--confirm", app.as_str()]),
            compose::line(["heroku", "create", app.as_str(), "--generation", generation]),
        ], settings_note);
    };
    let reset_workspace = move || {
        let confirmed = window().confirm_with_message("Delete every app and release in this workspace? Export first to keep them.").unwrap_or(false);
        // Not while a line runs or an import is checked: either would
        // write after the reset.
        if confirmed && store.claim() {
            spawn_local(async move {
                if let Err(error) = store.reset().await {
                    store.notice.set(Some(format!("Reset failed: {error}")));
                }
                store.release_claim().await;
            });
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        // No command runs while the file is checked and stored, nor a second import.
        if !store.claim_for_import() {
            import_note.set(Some(Err(format!("Not imported: {}", super::running(store).unwrap_or_default()))));
            return;
        }
        spawn_local(async move {
            let note = import_file(store, file, import_note).await;
            import_note.set(Some(note));
            store.release_claim().await;
        });
    };
    view! {
        <section class="panel" aria-labelledby="sim-title">
            <h2 id="sim-title">"Simulation"</h2>
            <p>"Clock: "<time>{clock}</time></p>
            // The buttons as strings with one click handler each group
            // (`data-advance`, `data-act`): see `crate::markup`.
            <div class="row" role="group" aria-label="Advance the clock" on:click=super::click(move |ev| {
                if let Some(by) = super::clicked(&ev, "[data-advance]").and_then(|e| e.get_attribute("data-advance")) {
                    run_lines(store, vec![compose::line(["sim", "advance", &by])], clock_note);
                }
            }) inner_html=r#"<button data-advance="1m">+1 minute</button><button data-advance="1h">+1 hour</button><button data-advance="1d">+1 day</button><button data-advance="31d">+31 days</button>"#></div>
            <form on:submit=advance_custom class="row">
                <label for="advance-amount">"Advance by"</label>
                <input id="advance-amount" type="number" min="1" bind:value=amount/>
                <label for="advance-unit" class="visually-hidden">"Unit"</label>
                <select id="advance-unit" bind:value=unit>
                    <option value="m">"minutes"</option>
                    <option value="h">"hours"</option>
                    <option value="d">"days"</option>
                    <option value="w">"weeks"</option>
                </select>
                <button type="submit">"Advance"</button>
            </form>
            {form_note(clock_note, "clock-note")}
            <form on:submit=set_user class="row">
                <label for="sim-user">"Acting user"</label>
                <input id="sim-user" type="email" bind:value=user aria-describedby="sim-user-note"
                    aria-invalid=move || user_note.with(Option::is_some).to_string()/>
                <button type="submit">"Act as"</button>
            </form>
            {form_note(user_note, "sim-user-note")}
            <div class="row">
                <label for="retention">"Retention policy"</label>
                <select id="retention" prop:value=retention disabled=move || current_app(store).is_none() on:change=move |ev| {
                    if let Some(app) = current_app(store) {
                        run_lines(store, vec![for_app(&app, &["sim", "retention", &event_target_value(&ev)])], settings_note);
                    }
                }>
                    // What the select shows before any app exists.
                    <option value="" hidden>"each app has its own; create one first"</option>
                    <option value="fir-2024">"fir-2024: gone after 30 days or 100 releases back (Fir's default)"</option>
                    <option value="all-2025">"all-2025: gone after 30 days and 20 releases back (since Oct 2025)"</option>
                    <option value="unlimited">"unlimited: nothing expires (Cedar's default)"</option>
                </select>
            </div>
            <div class="row">
                <label for="style">"Output style"</label>
                <select id="style" prop:value=style on:change=move |ev| run_lines(store, vec![compose::line(["sim", "style", &event_target_value(&ev)])], settings_note)>
                    <option value="modern">"modern (today's CLI)"</option>
                    <option value="classic">"classic (Dev Center, 2010)"</option>
                </select>
            </div>
            <div class="row" inner_html=super::html(move || {
                let mut out = crate::markup::Markup::new();
                out.s(r#"<button data-act="reset-app""#).off(blocked(store));
                out.s(r#">Reset this app</button><button class="danger" data-act="reset-workspace">Reset the workspace</button><button data-act="export">Export workspace</button>"#);
                out.0
            }) on:click=super::click(move |ev| match super::clicked(&ev, "[data-act]").and_then(|e| e.get_attribute("data-act")).as_deref() {
                Some("reset-app") => reset_app(),
                Some("reset-workspace") => reset_workspace(),
                Some("export") => download("release-lab-workspace.json", "application/json", &store.export()),
                _ => {}
            })></div>
            {form_note(settings_note, "")}
            <div class="row">
                <label for="import-file">"Import workspace"</label>
                <input id="import-file" type="file" accept="application/json,.json" on:change=import/>
            </div>
            <div inner_html=super::html(move || {
                let mut out = crate::markup::Markup::new();
                match import_note.get() {
                    Some(Ok(done)) => out.el(r#"p class="form-status" role="status""#, &done),
                    Some(Err(refused)) => out.el(r#"p class="form-error" role="alert""#, &refused),
                    None => &mut out,
                };
                out.0
            })></div>
        </section>
    }
}

/// Reads, checks and (once the user agrees) imports a workspace file; what
/// happened, in words. The check replays every event a slice at a time,
/// about a frame's work each, and reports its progress in `note`.
async fn import_file(store: Store, file: web_sys::File, note: RwSignal<Option<Result<String, String>>>) -> Result<String, String> {
    let name = file.name();
    let refused = |error: WorkspaceError| format!("Not imported, nothing changed: {error}");
    workspace::check_file_size(file.size() as usize).map_err(refused)?;
    note.set(Some(Ok(format!("Reading {name}…"))));
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|text| text.as_string());
    let text = text.ok_or_else(|| "The file could not be read.".to_string())?;
    let mut import = crate::web::json::start_import(&text, SHOWN).map_err(refused)?;
    drop(text);
    let clock = window().performance();
    let now = move || clock.as_ref().map_or(0.0, |c| c.now());
    loop {
        let slice_started = now();
        let mut done = false;
        while !done && now() - slice_started < 12.0 {
            done = import.step(250).map_err(refused)?;
        }
        if done {
            break;
        }
        let (checked, all) = import.progress();
        note.set(Some(Ok(format!("Checking {name}: {checked} of {all} events replayed…"))));
        next_task().await;
    }
    let (_, actions) = import.progress();
    let apps = import.app_count();
    let (current_apps, current_actions) = (store.world.with_untracked(|w| w.apps.len()), store.history.with_untracked(|h| h.events.len()));
    let question = format!(
        "Replace this workspace ({current_apps} apps, {current_actions} actions) with {name} ({apps} apps, {actions} actions)?{}",
        if current_actions > 0 { " The current workspace downloads first, so you can import it back." } else { "" }
    );
    if !window().confirm_with_message(&question).unwrap_or(false) {
        return Err(format!("Not imported: {name} was left as it is, and so was this workspace."));
    }
    // The replaced workspace stays recoverable: its file comes first.
    if current_actions > 0 {
        download("release-lab-workspace-before-import.json", "application/json", &store.export());
    }
    note.set(Some(Ok(format!("Storing {name}…"))));
    store.import(import).await.map_err(|error| format!("Not imported, nothing changed: {error}"))?;
    Ok(format!("Imported {name}: {apps} apps, {actions} actions."))
}

/// Lets the browser paint and handle input before the next slice of work.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
