//! The browser app: a thin Leptos shell over the engine. Every control
//! composes a command line (shown in the console beside its output) and
//! runs it through the same `cli::run` the terminal and the native runner use.

pub mod json;
pub mod prefs;
pub mod storage;
pub mod store;
pub mod views;


/// Mounts the app on the page and loads the saved workspace.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| leptos::view! { <views::App/> });
}
