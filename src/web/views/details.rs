//! One release as `releases:info` shows it, with its eligibility and a diff
//! against the release before it. It only shows data, so it is drawn as
//! one string (`crate::markup`), which costs the wasm far less than a view
//! with a closure per part.

use super::diff_list::diff_html;
use super::{current_app, use_store, SelectedRelease};
use crate::cli::cmd::releases::diff_rows;
use crate::engine::release::Status;
use crate::engine::World;
use crate::markup::Markup;
use leptos::prelude::*;

/// A status told in words and a symbol, never by colour alone.
pub fn status_badge(out: &mut Markup, status: Status) {
    let symbol = match status {
        Status::Succeeded => "✓",
        Status::Pending => "…",
        Status::Failed => "✗",
        Status::Expired => "⊘",
    };
    let text = status.as_str();
    out.s(r#"<span class="badge badge-"#).s(text).s(r#""><span aria-hidden="true">"#).s(symbol).s(" </span>").s(text).s("</span>");
}

fn details_html(world: &World, app_name: &str, version: u32) -> Option<String> {
    let app = world.app(app_name).ok()?;
    let release = app.release(version)?;
    let mut out = Markup::new();
    let eligibility = match release.eligibility() {
        Ok(()) => "Yes".to_string(),
        Err(why) => format!("No: {}", crate::cli::errors::ineligible(why, version, app.kind())),
    };
    // Why retention deleted its slug or image, or keeps it.
    let retention = app
        .retention_of(version, world.now())
        .map(|kept| crate::cli::explain::retention(kept, version, app.retention, app.kind(), &world.clock))
        .unwrap_or_default();
    let addons = release.addon_plan_names.join(", ");
    out.el("h3", &format!("Release v{version}")).s(r#"<dl class="info">"#);
    out.el("dt", "Change").el("dd", &release.change.description(world.style));
    out.el("dt", "By").el("dd", &release.user);
    out.el("dt", "When").s("<dd>").t(&world.clock.local_stamp(release.created_at, '-')).s(" ");
    out.el(r#"span class="zone""#, &crate::engine::time::format_offset(world.clock.offset_secs)).s("</dd>");
    out.el("dt", "Add-ons").el("dd", if addons.is_empty() { "none" } else { &addons });
    out.el("dt", "Status").s("<dd>");
    status_badge(&mut out, release.status);
    out.s("</dd>").el("dt", "Eligible for rollback?").el("dd", &eligibility);
    out.el("dt", "Retention").el(r#"dd class="retention""#, &retention).s("</dl>");
    out.el("h4", &format!("v{version} config vars"));
    let config = app.config.vars(release.config);
    if config.is_empty() {
        out.el(r#"p class="empty""#, "No config vars.");
    } else {
        out.s(r#"<table class="vars"><thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead><tbody>"#);
        for (key, value) in config.iter() {
            out.s("<tr><td>").el("code", key).s("</td><td>").el("code", value).s("</td></tr>");
        }
        out.s("</tbody></table>");
    }
    if let Some(diff) = (version > 1).then(|| world.diff_releases(app_name, version - 1, version).ok()).flatten() {
        out.el("h4", &format!("Changes since v{}", version - 1));
        diff_html(&mut out, diff_rows(&diff, true));
    }
    Some(out.0)
}

#[component]
pub fn Details() -> impl IntoView {
    let store = use_store();
    let SelectedRelease(selected) = expect_context::<SelectedRelease>();
    let html = move || {
        let shown = selected.get().zip(current_app(store)).and_then(|(version, app)| store.world.with(|world| details_html(world, &app, version)));
        shown.unwrap_or_else(|| r#"<p class="empty">Choose a release in the history or the timeline to see it here.</p>"#.to_string())
    };
    view! {
        <section class="panel details" aria-labelledby="details-title" aria-live="polite">
            <h2 id="details-title">"Release details"</h2>
            <div inner_html=super::html(html)></div>
        </section>
    }
}
