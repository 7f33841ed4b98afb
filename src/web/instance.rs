//! What one mounted app is: read from the `data-*` attributes of the
//! element it mounts on (`[data-release-lab-app]`, else `<body>`).
//!
//! Every page that shows Release Lab is one instance: the full app
//! (`index.html`), a docs embed (`embed.html`, in an iframe) or a presenter.
//! Each has its own workspace, storage and channel, so an embed never
//! reads or writes the work the full app saved. The page's own script
//! (`index.html`, `embed.html`) turns URL parameters into these attributes
//! before the wasm starts; the wasm reads only the attributes.

use web_sys::Element;

/// The attribute that marks the mount element.
const MOUNT: &str = "[data-release-lab-app]";

/// Where the instance keeps its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    /// The IndexedDB log, shared with other tabs of the same workspace.
    IndexedDb,
    /// Nothing saved: the page's work ends with the page.
    Memory,
}

/// Which panels the instance shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Everything: forms, history, terminal, details.
    Full,
    /// The history, its details and the terminal.
    History,
    /// The terminal alone.
    Terminal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    pub storage: Storage,
    /// The IndexedDB workspace; `None` is the one the preferences chose.
    pub workspace: Option<String>,
    pub view: View,
    /// No command line: the block's commands are shown, not typed.
    pub read_only: bool,
    /// Lines run once, when the workspace is empty (a docs block's commands).
    pub script: Vec<String>,
    /// `light` or `dark`, chosen by the page rather than the user.
    pub theme: Option<String>,
}

impl Default for Instance {
    fn default() -> Self {
        Instance { storage: Storage::IndexedDb, workspace: None, view: View::Full, read_only: false, script: Vec::new(), theme: None }
    }
}

impl Instance {
    /// The element to mount on, if the page marks one.
    pub fn mount_element() -> Option<Element> {
        web_sys::window()?.document()?.query_selector(MOUNT).ok().flatten()
    }

    /// This page's instance: the mount element's attributes, or the full app's defaults.
    pub fn current() -> Instance {
        Instance::mount_element().map(|element| Instance::read(&element)).unwrap_or_default()
    }

    fn read(element: &Element) -> Instance {
        let attribute = |name: &str| element.get_attribute(name).filter(|value| !value.is_empty());
        Instance {
            storage: match attribute("data-storage").as_deref() {
                Some("memory") => Storage::Memory,
                _ => Storage::IndexedDb,
            },
            workspace: attribute("data-workspace"),
            view: match attribute("data-view").as_deref() {
                Some("terminal") => View::Terminal,
                Some("history") => View::History,
                _ => View::Full,
            },
            read_only: element.has_attribute("data-readonly"),
            script: attribute("data-script").map(|text| crate::script::commands(&text).map(str::to_string).collect()).unwrap_or_default(),
            theme: attribute("data-theme").filter(|theme| theme == "light" || theme == "dark"),
        }
    }

    /// The BroadcastChannel that tabs of the same saved workspace share.
    pub fn channel(db_name: &str, workspace: &str) -> String {
        format!("release-lab:{db_name}:{workspace}")
    }
}
