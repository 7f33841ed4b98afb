//! Rollback with a preview of exactly what will change, computed by the
//! same engine function `releases:diff` uses.

use super::choices::{Choice, Choices};
use super::{current_app, for_app, run_lines, running, use_store, form_note, off, why};
use super::diff_list::diff_html;
use crate::cli::cmd::releases::diff_rows;
use leptos::either::Either;
use leptos::prelude::*;

/// How many of the newest releases the target list offers.
const TARGETS: usize = 100;

#[component]
pub fn Rollback() -> impl IntoView {
    let store = use_store();
    let target = RwSignal::new(String::new());
    let note = RwSignal::new(None);
    let options = move || {
        let Some(app) = current_app(store) else { return Vec::new() };
        store.world.with(|w| {
            let Ok(app) = w.app(&app) else { return Vec::new() };
            app.releases
                .iter()
                .rev()
                .take(TARGETS)
                .map(|r| {
                    let description = r.change.description(w.style);
                    match r.eligibility() {
                        Ok(()) => Choice::new(format!("v{}", r.version), format!("v{} {description}", r.version)),
                        Err(why) => Choice {
                            value: format!("v{}", r.version),
                            label: format!("v{} {description} (not eligible: {})", r.version, crate::cli::errors::ineligible(why, r.version, app.kind())),
                            disabled: true,
                        },
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let chosen = move || target.get().trim_start_matches('v').parse::<u32>().ok();
    let preview = move || {
        let app = current_app(store)?;
        Some(store.world.with(|w| w.rollback_preview(&app, chosen())))
    };
    // The button names the release the preview shows, so the command
    // names it too: "the previous eligible release" at click time could be
    // another one (after a double-click, or another tab's rollback).
    let confirm = move |version: u32| {
        let Some(app) = current_app(store) else { return };
        run_lines(store, vec![for_app(&app, &["heroku", "rollback", &format!("v{version}")])], note);
        target.set(String::new());
    };
    view! {
        <section class="panel" aria-labelledby="rollback-title">
            <h2 id="rollback-title">"Roll back"</h2>
            <label for="rollback-target">"Target release"</label>
            <select id="rollback-target" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">"The previous eligible release"</option>
                <Choices each=Signal::derive(options)/>
            </select>
            <div class="preview" aria-live="polite">
                {move || {
                    // No preview: one paragraph says why (one view for both cases costs less wasm).
                    let (class, text) = match preview() {
                        None => ("empty", "Create an app first.".to_string()),
                        Some(Err(error)) => ("form-error", crate::cli::errors::message(&error)),
                        Some(Ok(preview)) => return Either::Right({
                            let stripped = preview.stripped.clone();
                            let reverted = preview.reverted.clone();
                            view! {
                                <h3>{format!("Preview: rollback to v{}", preview.target)}</h3>
                                <div inner_html={
                                    let mut out = crate::markup::Markup::new();
                                    diff_html(&mut out, diff_rows(&preview.diff, false).into_iter().skip(1).collect());
                                    out.0
                                }></div>
                                <p>"Add-ons stay as they are: a rollback never adds or removes add-ons."</p>
                                {(!stripped.is_empty()).then(|| view! {
                                    <div class="notice warning" role="alert">
                                        <strong>"Warning: "</strong>
                                        "this rollback removes add-on config vars while their add-ons stay attached: "
                                        {stripped.iter().map(|v| format!("{} ({} as {})", v.var, v.addon, v.attachment)).collect::<Vec<_>>().join(", ")}
                                        "."
                                    </div>
                                })}
                                {(!reverted.is_empty()).then(|| view! {
                                    <div class="notice warning" role="alert">
                                        "These add-on vars go back to older values: "
                                        {reverted.iter().map(|v| v.var.clone()).collect::<Vec<_>>().join(", ")}
                                        "."
                                    </div>
                                })}
                                <button class="danger" on:click=move |_| confirm(preview.target) disabled=off(running, store) title=why(running, store)>
                                    {format!("Roll back to v{}", preview.target)}
                                </button>
                            }
                        }),
                    };
                    Either::Left(view! { <p class=class>{text}</p> })
                }}
            </div>
            {form_note(note, "")}
        </section>
    }
}
