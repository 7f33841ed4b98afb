//! Where work is saved, and what to do when saved data cannot be read.

use super::use_store;
use crate::web::store::Persistence;
use leptos::either::EitherOf3;
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
    view! {
        <div class="notices" aria-live="polite">
            {move || match store.persistence.get() {
                Persistence::MemoryOnly(reason) => EitherOf3::A(view! {
                    <div class="notice warning" role="alert"><strong>"Not saved. "</strong>{reason}</div>
                }),
                Persistence::Unreadable(reason) => EitherOf3::B(view! {
                    <div class="notice error" role="alert">
                        <strong>"Your saved workspace could not be read. "</strong>
                        {reason}
                        <p>"Nothing has been deleted. You are working in memory for now."</p>
                        <button on:click=move |_| spawn_local(async move {
                            let raw = store.raw_data().await;
                            download("release-lab-raw-data.json", "application/json", &raw);
                        })>"Download the raw data"</button>
                        " "
                        <button on:click=move |_| spawn_local(async move { store.start_fresh().await })>
                            "Start fresh (keeps the old data)"
                        </button>
                    </div>
                }),
                _ => EitherOf3::C(()),
            }}
            {move || store.notice.get().map(|text| view! {
                <div class="notice warning" role="alert">
                    {text}" "
                    <button on:click=move |_| store.notice.set(None)>"Dismiss"</button>
                </div>
            })}
        </div>
    }
}
