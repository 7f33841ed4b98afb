//! Small preferences in localStorage. Failing storage (blocked in an
//! embedding page, private mode, full quota) falls back to defaults, and a
//! failed save is reported.

use super::json;
use crate::workspace::JsonObject;
use gloo_storage::{LocalStorage, Storage};

const KEY: &str = "release-lab:prefs";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// `system`, `light` or `dark`.
    pub theme: String,
    pub selected_app: Option<String>,
    /// Releases per history page.
    pub page_size: usize,
    /// Which workspace (event log) this browser opens.
    pub workspace: String,
    /// The terminal was cleared when the log held this many lines; it
    /// shows only later ones.
    pub cleared_through: u32,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { theme: "system".into(), selected_app: None, page_size: 25, workspace: "default".into(), cleared_through: 0 }
    }
}

/// Whether `window.localStorage` can be reached at all: its getter throws
/// where the browser blocks storage (say, in a third-party iframe), and
/// gloo-storage's accessor would then abort the app.
fn reachable() -> bool {
    web_sys::window().is_some_and(|window| matches!(window.local_storage(), Ok(Some(_))))
}

impl Prefs {
    /// The saved preferences; a field that is missing or unreadable keeps its default.
    pub fn load() -> Prefs {
        let mut prefs = Prefs::default();
        if !reachable() {
            return prefs;
        }
        let Some(saved) = LocalStorage::raw().get_item(KEY).ok().flatten().and_then(|text| json::parse(&text).ok()) else {
            return prefs;
        };
        if let Ok(Some(theme)) = saved.string("theme") {
            prefs.theme = theme;
        }
        if let Ok(Some(app)) = saved.string("selected_app") {
            prefs.selected_app = Some(app);
        }
        if let Ok(Some(size)) = saved.number("page_size") {
            prefs.page_size = size as usize;
        }
        if let Ok(Some(workspace)) = saved.string("workspace") {
            prefs.workspace = workspace;
        }
        if let Ok(Some(cleared)) = saved.number("cleared_through") {
            prefs.cleared_through = cleared;
        }
        prefs
    }

    /// Saves; the error text is for a notice (e.g. QuotaExceededError).
    pub fn save(&self) -> Result<(), String> {
        if !reachable() {
            return Err("localStorage is not available here".to_string());
        }
        LocalStorage::raw().set_item(KEY, &self.to_json()).map_err(|error| {
            // A DOMException such as QuotaExceededError: its name and message.
            use wasm_bindgen::JsCast;
            error.dyn_ref::<js_sys::Error>().map_or("the browser refused".to_string(), |e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        })
    }

    /// The stored form, written by hand: a derived `Serialize` costs the
    /// wasm more than these few fields (strings quoted by `cli::json`).
    fn to_json(&self) -> String {
        let quote = crate::cli::json::string;
        let app = self.selected_app.as_deref().map_or("null".to_string(), quote);
        format!(
            r#"{{"theme":{},"selected_app":{app},"page_size":{},"workspace":{},"cleared_through":{}}}"#,
            quote(&self.theme),
            self.page_size,
            quote(&self.workspace),
            self.cleared_through
        )
    }
}
