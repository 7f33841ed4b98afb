//! The timeline picture (`crate::timeline`) of the current app, a window
//! of releases at a time; selecting a mark opens its details.
//!
//! The picture and its pager are one HTML string with one click handler
//! for the whole panel (`data-version` on marks, `data-page` on buttons):
//! each reactive closure in a view costs its own copy of Leptos' render
//! code, and this view needs only one.

use super::{current_app, use_store, SelectedRelease};
use crate::timeline::{svg, window, WINDOW};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Timeline() -> impl IntoView {
    let store = use_store();
    let SelectedRelease(selected) = expect_context::<SelectedRelease>();
    // How many releases the window ends before the newest.
    let back = RwSignal::new(0usize);
    let total = move || {
        let app = current_app(store);
        store.world.with(|w| app.and_then(|a| w.app(&a).ok().map(|a| a.releases.len())).unwrap_or(0))
    };
    let html = move || {
        let Some(name) = current_app(store) else { return String::new() };
        let (all, back) = (total(), back.get());
        let versions = window(all, back);
        let picture = store.world.with(|w| w.app(&name).map(|app| svg(app, versions.clone(), selected.get(), &w.clock, w.style)).unwrap_or_default());
        let disabled = |off: bool| if off { " disabled" } else { "" };
        format!(
            r#"<div class="timeline">{picture}</div><nav class="pager" aria-label="Timeline window"><button data-page="older"{}>Older</button><span>{}</span><button data-page="newer"{}>Newer</button></nav>"#,
            disabled(*versions.start() <= 1),
            if all == 0 { "No releases yet".to_string() } else { format!("v{}–v{} of {all}", versions.start(), versions.end()) },
            disabled(back == 0),
        )
    };
    // A mark or a pager button chosen by click opens its details or moves
    // the window; `views::click` keeps the focus on it when the panel is
    // drawn anew.
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some(control) = super::clicked(&ev, "[data-version],[data-page]") else { return };
        if let Some(page) = control.get_attribute("data-page") {
            let step = WINDOW / 2;
            back.update(|b| *b = if page == "older" { (*b + step).min(total().saturating_sub(WINDOW)) } else { b.saturating_sub(step) });
        } else if let Some(version) = control.get_attribute("data-version").and_then(|v| v.parse::<u32>().ok()) {
            selected.set(Some(version));
        }
    };
    // Enter or Space on a mark chooses it, as a click does.
    let press = move |ev: web_sys::KeyboardEvent| {
        let mark = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).filter(|e| e.has_attribute("data-version"));
        let panel = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let (Some(mark), Some(panel)) = (mark.filter(|_| ev.key() == "Enter" || ev.key() == " "), panel) {
            ev.prevent_default();
            selected.set(mark.get_attribute("data-version").and_then(|v| v.parse().ok()));
            super::keep_focus(panel, super::twin(&mark), mark, 120);
        }
    };
    view! {
        <section class="panel timeline-panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">"Timeline"</h2>
            <div inner_html=super::html(html) on:click=super::click(act) on:keydown=press></div>
        </section>
    }
}
