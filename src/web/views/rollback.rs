//! Rollback with a preview of exactly what will change, computed by the
//! same engine function `releases:diff` uses.

use super::choices::{Choice, Choices};
use super::{current_app, for_app, run_lines, running, use_store, form_note};
use super::diff_list::diff_html;
use crate::cli::cmd::releases::diff_rows;
use crate::markup::Markup;
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
    let preview_html = move || {
        let mut out = Markup::new();
        match preview() {
            // No preview: one paragraph says why.
            None => out.el(r#"p class="empty""#, "Create an app first."),
            Some(Err(error)) => out.el(r#"p class="form-error""#, &crate::cli::errors::message(&error)),
            Some(Ok(preview)) => {
                out.el("h3", &format!("Preview: rollback to v{}", preview.target));
                diff_html(&mut out, diff_rows(&preview.diff, false).into_iter().skip(1).collect());
                out.s("<p>Add-ons stay as they are: a rollback never adds or removes add-ons.</p>");
                if !preview.stripped.is_empty() {
                    let vars: Vec<String> = preview.stripped.iter().map(|v| format!("{} ({} as {})", v.var, v.addon, v.attachment)).collect();
                    out.s(r#"<div class="notice warning" role="alert"><strong>Warning: </strong>this rollback removes add-on config vars while their add-ons stay attached: "#);
                    out.t(&vars.join(", ")).s(".</div>");
                }
                if !preview.reverted.is_empty() {
                    let vars: Vec<&str> = preview.reverted.iter().map(|v| v.var.as_str()).collect();
                    out.s(r#"<div class="notice warning" role="alert">These add-on vars go back to older values: "#).t(&vars.join(", ")).s(".</div>");
                }
                out.s(r#"<button class="danger" data-rollback=""#).n(preview.target as i64).s(r#"""#).off(running(store));
                out.s(">Roll back to v").n(preview.target as i64).s("</button>")
            }
        };
        out.0
    };
    view! {
        <section class="panel" aria-labelledby="rollback-title">
            <h2 id="rollback-title">"Roll back"</h2>
            <label for="rollback-target">"Target release"</label>
            <select id="rollback-target" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">"The previous eligible release"</option>
                <Choices each=Signal::derive(options)/>
            </select>
            // The preview only shows data: one string, and one click handler
            // for its button (`data-rollback`), as `crate::markup` explains.
            <div class="preview" aria-live="polite" inner_html=super::html(preview_html) on:click=super::click(move |ev| {
                if let Some(version) = super::clicked(&ev, "[data-rollback]").and_then(|b| b.get_attribute("data-rollback")).and_then(|v| v.parse().ok()) {
                    confirm(version);
                }
            })></div>
            {form_note(note, "")}
        </section>
    }
}
