//! Small preferences in localStorage. Failing storage (sandboxed iframe,
//! private mode, full quota) falls back to defaults and is reported once.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "release-lab:prefs";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// `system`, `light` or `dark`.
    pub theme: String,
    pub selected_app: Option<String>,
    /// Releases per history page.
    pub page_size: usize,
    /// Which workspace (event log) this browser opens.
    pub workspace: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs { theme: "system".into(), selected_app: None, page_size: 25, workspace: "default".into() }
    }
}

impl Prefs {
    pub fn load() -> Prefs {
        LocalStorage::get::<Prefs>(KEY).unwrap_or_default()
    }

    /// Saves; the error text is for a notice (e.g. QuotaExceededError).
    pub fn save(&self) -> Result<(), String> {
        LocalStorage::set(KEY, self).map_err(|e| e.to_string())
    }
}
