//! One file per view. `App` owns the store; the views read the world
//! through it and act only by running command lines, which the terminal
//! shows with their output.

mod addons;
mod choices;
mod config;
mod deploy;
mod details;
mod diff_list;
mod header;
mod history;
mod lesson;
mod notices;
mod rollback;
mod sim;
mod terminal;
mod timeline;

use super::instance::{Instance, View};
use super::storage::DB_NAME;
use super::store::Store;
use crate::cli::compose;
use crate::engine::World;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The whole page. `db_name` lets tests use a database of their own.
#[component]
pub fn App(#[prop(default = DB_NAME)] db_name: &'static str) -> impl IntoView {
    let instance = Instance::current();
    let store = Store::for_instance(&instance);
    provide_context(store);
    let lessons = Lessons::new();
    provide_context(lessons);
    let selected = RwSignal::new(None::<u32>);
    provide_context(SelectedRelease(selected));
    let theme = move || store.prefs.with(|p| p.theme.clone());
    // `#terminal` (older links) is the terminal view too.
    let hash_terminal = window().location().hash().is_ok_and(|hash| hash == "#terminal");
    let view = if hash_terminal { View::Terminal } else { instance.view };
    // What a reader looks at first (header, history, terminal) is drawn
    // first; the forms once the loaded history has been painted (a task
    // after the next frame), so they never delay it. They are mounted on
    // their own, once: a view that could come and go would need code to
    // take them apart again (11 kB of wasm). Views without forms never
    // mount them.
    let forms = NodeRef::<leptos::html::Section>::new();
    let draw_forms = move || {
        let Some(section) = forms.get_untracked() else { return };
        leptos::mount::mount_to(section.into(), move || {
            provide_context(store);
            provide_context(SelectedRelease(selected));
            view! {
                <deploy::Deploy/>
                <config::ConfigVars/>
                <addons::Addons/>
                <rollback::Rollback/>
                <sim::Simulation/>
            }
        })
        .forget();
    };
    // The address says which workspace the page shows (a lesson's, a
    // shared link's, or the saved one): a new address is a new page
    // (index.html's script reloads it on `hashchange`).
    spawn_local(async move {
        lesson::open(store, lessons, db_name, instance.script).await;
        super::link::ready();
        if view == View::Full {
            request_animation_frame(move || set_timeout(draw_forms, std::time::Duration::ZERO));
        }
    });
    view! {
        <div class="shell" data-theme=theme class:terminal-only=view == View::Terminal class:history-view=view == View::History class:read-only=instance.read_only>
            <header::Header/>
            <notices::Notices/>
            <main class="layout">
                <section class="actions" aria-label="Forms" node_ref=forms></section>
                <section class="history-column" aria-label="History, terminal and details">
                    <lesson::LessonPanel/>
                    <timeline::Timeline/>
                    <history::History/>
                    <terminal::Terminal/>
                    <details::Details/>
                </section>
            </main>
        </div>
    }
}

/// An element's content as one HTML string (see `crate::markup`), read
/// afresh when what it reads changes. Boxed: every such element then
/// shares one copy of Leptos' render code instead of one per closure.
pub type Html = Box<dyn Fn() -> String + Send + Sync>;

pub fn html(content: impl Fn() -> String + Send + Sync + 'static) -> Html {
    Box::new(content)
}

/// A click handler for a panel drawn as one string, which reads the
/// clicked control's `data-*` attributes. Boxed, like `Html`, so every
/// such panel shares one copy of the event code.
pub type Click = Box<dyn Fn(leptos::ev::MouseEvent)>;

pub fn click(handler: impl Fn(leptos::ev::MouseEvent) + 'static) -> Click {
    use wasm_bindgen::JsCast;
    Box::new(move |ev: leptos::ev::MouseEvent| {
        let button = clicked(&ev, "button,[data-version]");
        let panel = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        handler(ev);
        if let (Some(button), Some(panel)) = (button, panel) {
            keep_focus(panel, twin(&button), button, 120);
        }
    })
}

/// A selector for a control drawn anew: the same tag, `data-*` attributes
/// and accessible name.
pub fn twin(button: &web_sys::Element) -> String {
    let mut selector = button.tag_name();
    let names = button.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if name.starts_with("data-") || name == "aria-label" {
            let value = button.get_attribute(&name).unwrap_or_default().replace('\\', "\\\\").replace('"', "\\\"");
            selector.push_str(&format!("[{name}=\"{value}\"]"));
        }
    }
    selector
}

/// A panel drawn as one string replaces the button that was clicked, and
/// focus with it. Once the panel has been drawn anew (the click's command
/// may take a while), this focuses the new button with the same
/// attributes, unless focus has moved elsewhere meanwhile; it looks once a
/// frame, for up to `frames` frames.
pub fn keep_focus(panel: web_sys::Element, selector: String, clicked: web_sys::Element, frames: u32) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let active = document().active_element();
        let waiting = match &active {
            // Still the clicked button: the panel is not drawn anew yet.
            Some(element) if *element == clicked && clicked.is_connected() => true,
            Some(element) if element.is_connected() && element.tag_name() != "BODY" => return,
            _ => false,
        };
        let twin = (!waiting).then(|| panel.query_selector(&selector).ok().flatten()).flatten();
        // `focus` of an HTML button or an SVG mark alike.
        let focus = twin.as_ref().and_then(|t| js_sys::Reflect::get(t, &"focus".into()).ok()).and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match (twin, focus) {
            (Some(twin), Some(focus)) if !twin.has_attribute("disabled") => {
                let _ = focus.call0(&twin);
            }
            _ if frames > 0 => keep_focus(panel, selector, clicked, frames - 1),
            _ => {}
        }
    });
}

/// The element (or its nearest ancestor) a click landed on that matches `selector`.
pub fn clicked(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok().flatten()
}

/// The lessons panel's state (`lesson::LessonState`).
#[derive(Clone, Copy)]
pub struct Lessons(RwSignal<lesson::LessonState>);

/// The release whose details are open.
#[derive(Clone, Copy)]
pub struct SelectedRelease(pub RwSignal<Option<u32>>);

pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// The app the page is about: the saved choice if it still exists, else the first.
pub fn current_app(store: Store) -> Option<String> {
    let chosen = store.prefs.with(|p| p.selected_app.clone());
    store.world.with(|world| pick_app(world, chosen.as_deref()))
}

fn pick_app(world: &World, chosen: Option<&str>) -> Option<String> {
    match chosen {
        Some(name) if world.app(name).is_ok() => Some(name.to_string()),
        _ => world.apps.first().map(|a| a.name.clone()),
    }
}

const NO_APP: &str = "Create an app first.";
const RUNNING: &str = "Wait: a command is still running.";

/// Why an app's form button cannot be used now, if it cannot; buttons show
/// it as their title, so a disabled button says why.
pub fn blocked(store: Store) -> Option<&'static str> {
    if current_app(store).is_none() {
        Some(NO_APP)
    } else {
        running(store)
    }
}

/// Why a button that needs no app cannot be used now, if it cannot.
pub fn running(store: Store) -> Option<&'static str> {
    store.busy.get().then_some(RUNNING)
}

/// A button's `disabled`: whether `reason` (`blocked` or `running`) holds.
/// These two give one closure type each to every button on the page: each
/// distinct closure type costs the wasm its own copy of the attribute code.
pub fn off(reason: fn(Store) -> Option<&'static str>, store: Store) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || reason(store).is_some()
}

/// A button's `title`: why it is off, if it is (see `off`).
pub fn why(reason: fn(Store) -> Option<&'static str>, store: Store) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || reason(store)
}

/// Runs a form's command lines in order, unless another form's are still
/// running (see `Store::claim`). The first refusal stops the rest, and its
/// reason goes to `note`, which the form shows beside its fields; success
/// clears it.
pub fn run_lines(store: Store, lines: Vec<String>, note: RwSignal<Option<String>>) {
    if !store.claim() {
        return;
    }
    spawn_local(async move {
        note.set(store.run_all(lines).await.err());
    });
}

/// Where a form says why its last command was refused; `id` may be empty.
/// (A plain function: a component's props builder costs wasm.)
pub fn form_note(note: RwSignal<Option<String>>, id: &'static str) -> impl IntoView {
    view! { <p id=(!id.is_empty()).then_some(id) class="form-error" role="alert">{move || note.get()}</p> }
}

/// A command line for the current app: `words… -a APP`.
pub fn for_app(app: &str, words: &[&str]) -> String {
    let mut all: Vec<&str> = words.to_vec();
    all.extend(["-a", app]);
    compose::line(all)
}
