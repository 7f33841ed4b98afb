//! The browser app: a thin Leptos shell over the engine. Every control
//! composes a command line (shown in the console beside its output) and
//! runs it through the same `cli::run` the terminal and the native runner use.

pub mod instance;
pub mod json;
pub mod link;
pub mod prefs;
pub mod storage;
pub mod store;
pub mod views;


/// Mounts the app on the page and loads the saved workspace.
pub fn start() {
    use wasm_bindgen::JsCast;
    // A panic's message ("panicked at …") in the console (the tests fail on console errors);
    // a smaller hook than console_error_panic_hook, which adds a JS stack.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    // index.html's static shell was painted while the wasm loaded; the app
    // takes its place in the same task, so no blank frame comes between.
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("static-shell")) {
        shell.remove();
    }
    // On the element the page marks (`web::instance`), else the whole body.
    let mount = instance::Instance::mount_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()).or_else(|| leptos::prelude::document().body());
    if let Some(element) = mount {
        leptos::mount::mount_to(element, || leptos::view! { <views::App/> }).forget();
    }
}
