//! What an action did, in enough detail for any view to render it.

use super::diff::RollbackPreview;
use super::release::Style;
use super::pipeline::Stage;
use super::retention::RetentionPolicy;
use super::time::Timestamp;
use super::world::TimedEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `versions`: the releases a new app starts with.
    AppCreated { app: String, versions: Vec<u32> },
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
    SettingChanged(Setting),
    /// `created`: the pipeline is new.
    Coupled { app: String, pipeline: String, stage: Stage, created: bool },
    /// One release per target, as (app, version), in the order given.
    Promoted { app: String, pipeline: String, targets: Vec<(String, u32)>, waited: Vec<TimedEvent> },
}

/// A `sim` setting and its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Setting {
    User { email: String },
    Style(Style),
    /// `expired`: the versions the new policy expired at once.
    Retention { app: String, policy: RetentionPolicy, expired: Vec<u32> },
    ReleasePhase { app: String, command: Option<String> },
    /// The working tree's Procfile now has this `release:` command (or none).
    Procfile { app: String, command: Option<String> },
    FailNextBuild { app: String },
    FailNextRelease { app: String },
    Seed(u64),
    /// The engine's rules (`engine::world::schema`).
    Rules(u32),
}

impl Outcome {
    /// Every release the action itself created, in order, as (app, version).
    /// Releases made by timed events while it waited are not included.
    pub fn releases(&self) -> Vec<(String, u32)> {
        let one = |app: &String, version: u32| vec![(app.clone(), version)];
        match self {
            Outcome::AppCreated { app, versions } => versions.iter().map(|v| (app.clone(), *v)).collect(),
            Outcome::Pushed { app, push: Push::Released { version, .. } } => one(app, *version),
            Outcome::ConfigSet { app, version: Some(version), .. } | Outcome::ConfigUnset { app, version: Some(version), .. } => {
                one(app, *version)
            }
            Outcome::AddonCreated { app, version, .. }
            | Outcome::AddonAttached { app, version, .. }
            | Outcome::AddonDetached { app, version, .. }
            | Outcome::RolledBack { app, version, .. }
            | Outcome::Retried { app, version, .. } => one(app, *version),
            Outcome::AppDestroyed { releases, .. }
            | Outcome::AddonDestroyed { releases, .. }
            | Outcome::AddonUpgraded { releases, .. }
            | Outcome::AddonRotated { releases, .. } => releases.clone(),
            Outcome::Promoted { targets, .. } => targets.clone(),
            Outcome::Pushed { .. }
            | Outcome::ConfigSet { .. }
            | Outcome::ConfigUnset { .. }
            | Outcome::Committed { .. }
            | Outcome::ClockMoved { .. }
            | Outcome::SettingChanged(_)
            | Outcome::Coupled { .. } => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Push {
    UpToDate,
    BuildFailed { commit: usize, previous_remote: Option<usize> },
    Released { commit: usize, previous_remote: Option<usize>, version: u32, waited: Vec<TimedEvent> },
}
