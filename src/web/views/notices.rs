//! Where work is saved, and what to do when saved data cannot be read.

use super::use_store;
use crate::markup::Markup;
use crate::web::store::Persistence;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Offers `text` as a file download of the given media type.
pub fn download(filename: &str, media_type: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let anchor = document().create_element("a").ok().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(e).ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn Notices() -> impl IntoView {
    let store = use_store();
    // One string and one click handler (`data-act`): see `crate::markup`.
    let html = move || {
        let mut out = Markup::new();
        match store.persistence.get() {
            Persistence::MemoryOnly(reason) => {
                out.s(r#"<div class="notice warning" role="alert"><strong>Not saved. </strong>"#).t(&reason).s("</div>");
            }
            Persistence::Unreadable(reason) => {
                out.s(r#"<div class="notice error" role="alert"><strong>Your saved workspace could not be read. </strong>"#).t(&reason);
                out.s(r#"<p>Nothing has been deleted. You are working in memory for now.</p><button data-act="raw">Download the raw data</button> <button data-act="fresh">Start fresh (keeps the old data)</button></div>"#);
            }
            _ => {}
        }
        if let Some(text) = store.notice.get() {
            out.s(r#"<div class="notice warning" role="alert">"#).t(&text).s(r#" <button data-act="dismiss">Dismiss</button></div>"#);
        }
        out.0
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        let action = super::clicked(&ev, "[data-act]").and_then(|e| e.get_attribute("data-act"));
        match action.as_deref() {
            Some("raw") => spawn_local(async move {
                let raw = store.raw_data().await;
                download("release-lab-raw-data.json", "application/json", &raw);
            }),
            Some("fresh") => spawn_local(async move { store.start_fresh().await }),
            Some("dismiss") => store.notice.set(None),
            _ => {}
        }
    };
    view! { <div class="notices" aria-live="polite" inner_html=super::html(html) on:click=super::click(act)></div> }
}
