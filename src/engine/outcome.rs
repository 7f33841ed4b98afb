//! What an action did, in enough detail for any view to render it.

use super::diff::RollbackPreview;
use super::time::Timestamp;
use super::world::TimedEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    AppCreated { app: String },
    /// The app is gone; add-ons it owned were destroyed, with a Detach
    /// release on each other app they were attached to.
    AppDestroyed { app: String, releases: Vec<(String, u32)> },
    Committed { app: String, commit: usize },
    Pushed { app: String, push: Push },
    ConfigSet { app: String, keys: Vec<String>, version: Option<u32> },
    ConfigUnset { app: String, keys: Vec<String>, version: Option<u32> },
    AddonCreated { app: String, addon: String, version: u32, waited: Vec<TimedEvent> },
    AddonAttached { app: String, addon: String, attachment: String, version: u32 },
    AddonDetached { app: String, addon: String, attachment: String, version: u32 },
    AddonDestroyed { app: String, addon: String, releases: Vec<(String, u32)> },
    AddonUpgraded { app: String, addon: String, from: String, to: String, cents: u32, releases: Vec<(String, u32)> },
    AddonRotated { addon: String, releases: Vec<(String, u32)> },
    RolledBack { app: String, target: u32, version: u32, preview: Box<RollbackPreview>, waited: Vec<TimedEvent> },
    Retried { app: String, of: u32, version: u32, waited: Vec<TimedEvent> },
    ClockMoved { from: Timestamp, to: Timestamp, events: Vec<TimedEvent> },
    /// A simulation setting changed; the text says which.
    SettingChanged(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Push {
    UpToDate,
    BuildFailed { commit: usize, previous_remote: Option<usize> },
    Released { commit: usize, previous_remote: Option<usize>, version: u32, waited: Vec<TimedEvent> },
}
