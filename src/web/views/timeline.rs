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
            r#"<div class="timeline">{picture}</div><nav class="pager" aria-label="Timeline window"><button data-page="older"{}>Older</button><span>v{}–v{} of {all}</span><button data-page="newer"{}>Newer</button></nav>"#,
            disabled(*versions.start() <= 1),
            versions.start(),
            versions.end(),
            disabled(back == 0),
        )
    };
    let frame = NodeRef::<leptos::html::Div>::new();
    // A mark chosen by click, Enter or Space opens its details. The panel
    // is drawn anew, so focus returns to the same control in the next frame.
    let act = move |ev: web_sys::Event| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let Some(control) = target.and_then(|e| e.closest("[data-version],[data-page]").ok().flatten()) else { return };
        ev.prevent_default();
        let focus = if let Some(page) = control.get_attribute("data-page") {
            let step = WINDOW / 2;
            let older = page == "older";
            back.update(|b| *b = if older { (*b + step).min(total().saturating_sub(WINDOW)) } else { b.saturating_sub(step) });
            format!("[data-page=\"{page}\"]")
        } else {
            let Some(version) = control.get_attribute("data-version").and_then(|v| v.parse::<u32>().ok()) else { return };
            selected.set(Some(version));
            format!("[data-version=\"{version}\"]")
        };
        request_animation_frame(move || {
            let again = frame.get_untracked().and_then(|f| f.query_selector(&focus).ok().flatten());
            if let Some(again) = again.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = again.focus();
            } else if let Some(again) = frame.get_untracked().and_then(|f| f.query_selector(&focus).ok().flatten()).and_then(|m| m.dyn_into::<web_sys::SvgElement>().ok()) {
                let _ = again.focus();
            }
        });
    };
    view! {
        <section class="panel timeline-panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">"Timeline"</h2>
            <div node_ref=frame inner_html=super::html(html)
                on:click=super::click(move |ev| act(ev.into()))
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { act(ev.into()) }></div>
        </section>
    }
}
