//! The whole simulated world and the one entry point that changes it.

use super::actions;
use super::addons::Addon;
use super::app::{App, Generation};
use super::error::EngineError;
use super::pipeline::{Coupling, Pipeline, Stage};
use super::release::{Status, Style};
use super::retention::RetentionPolicy;
use super::rng::{Rng, DEFAULT_SEED};
use super::time::{Clock, Timestamp};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The rules a world follows, by schema. A workspace keeps the schema of
/// the build that started it, so saved work replays the same forever:
/// `World::schema_version` says which checks apply, and new workspaces get
/// the newest.
pub const SCHEMA_VERSION: u32 = schema::CODE_AND_CALENDAR;

/// What each schema changed.
pub mod schema {
    /// Everything before the Platform API oracle (issue 10).
    pub const ORIGINAL: u32 = 1;
    /// Differences the real heroku CLI and Heroku's docs revealed: add-on
    /// vars belong to their add-on, `HEROKU_` and `__` keys are set (with a
    /// warning) rather than refused, Heroku Redis provisions in the
    /// background, and a bare rollback looks at the 10 newest releases.
    pub const API_ORACLE: u32 = 2;
    /// The release command comes with the code (the Procfile's `release:`
    /// line, deployed by a push; a rollback runs its target's), default
    /// retention follows the simulated date (`retention::ALL_GENERATIONS_FROM`),
    /// and an add-on that would overwrite a config var needs `--confirm`.
    pub const CODE_AND_CALENDAR: u32 = 3;
}

/// Where the runner and a fresh browser workspace start.
pub const DEFAULT_START: &str = "2024-12-03T12:00:00Z";
pub const DEFAULT_USER: &str = "you@example.com";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    pub schema_version: u32,
    pub clock: Clock,
    pub rng: Rng,
    /// Who acts from now on (`sim user`).
    pub user: String,
    pub style: Style,
    /// In creation order.
    pub apps: Vec<App>,
    /// In creation order; names are unique across all apps.
    pub addons: Vec<Addon>,
    /// In creation order (rules 3 worlds only have any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pipelines: Vec<Pipeline>,
    /// How many actions have been applied. Views use it to tell whether a
    /// command changed anything (and so belongs in the event log).
    #[serde(default)]
    pub revision: u64,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

/// A state-changing command, with every name resolved: what the CLI and
/// any other view hand the engine. Replaying the same actions from the same
/// start gives the same world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    CreateApp { name: Option<String>, generation: Generation },
    DestroyApp { app: String, confirm: Option<String> },
    Commit { app: String, message: String },
    Revert { app: String, rev: String },
    Push { app: String },
    SetConfig { app: String, vars: Vec<(String, String)> },
    UnsetConfig { app: String, keys: Vec<String> },
    /// Sets (`Some`) and unsets (`None`) in one release.
    PatchConfig { app: String, changes: Vec<(String, Option<String>)> },
    CreateAddon { app: String, service: String, plan: String, attachment: Option<String>, wait: bool, confirm: Option<String> },
    AttachAddon { app: String, addon: String, attachment: Option<String>, confirm: Option<String> },
    DetachAddon { app: String, attachment: String },
    DestroyAddon { app: String, addon: String, confirm: Option<String> },
    UpgradeAddon { app: String, addon: String, plan: String },
    RotateAddon { addon: String },
    Rollback { app: String, target: Option<u32> },
    Retry { app: String },
    SetClock { rfc3339: String },
    Advance { secs: i64 },
    SetUser { email: String },
    SetStyle { style: Style },
    SetRetention { app: String, policy: RetentionPolicy },
    SetReleasePhase { app: String, command: Option<String> },
    FailNextBuild { app: String },
    FailNextRelease { app: String },
    Seed { seed: u64 },
    CreatePipeline { name: String, app: String, stage: Stage },
    AddToPipeline { pipeline: String, app: String, stage: Stage },
    /// `targets`: app names, or `None` for every app in the next stage down.
    Promote { app: String, targets: Option<Vec<String>> },
    /// Follow the rules of an earlier schema (only an empty world may).
    SetRules { schema: u32 },
}

/// Something that happened because time passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimedEvent {
    ReleasePhaseFinished { app: String, version: u32, status: Status },
    Provisioned { app: String, addon: String, version: u32 },
    Expired { app: String, versions: Vec<u32> },
    /// 2025-10-01 came: an app whose retention followed the date now has `all-2025`.
    RetentionChanged { app: String },
}

impl World {
    pub fn new() -> World {
        World {
            schema_version: SCHEMA_VERSION,
            clock: Clock::starting_at(DEFAULT_START).unwrap_or(Clock { now: Timestamp(0), offset_secs: 0 }),
            rng: Rng::seeded(DEFAULT_SEED),
            user: DEFAULT_USER.to_string(),
            style: Style::Modern,
            apps: Vec::new(),
            addons: Vec::new(),
            pipelines: Vec::new(),
            revision: 0,
        }
    }

    /// A fresh world following the rules of `schema` (an older
    /// workspace's; see `SCHEMA_VERSION`).
    pub fn following(schema: u32) -> World {
        World { schema_version: schema, ..World::new() }
    }

    /// Whether this world follows the rules `schema` introduced.
    pub fn follows(&self, schema: u32) -> bool {
        self.schema_version >= schema
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now
    }

    pub fn app(&self, name: &str) -> Result<&App, EngineError> {
        self.apps.iter().find(|a| a.name == name).ok_or(EngineError::AppNotFound)
    }

    pub fn app_mut(&mut self, name: &str) -> Result<&mut App, EngineError> {
        self.apps.iter_mut().find(|a| a.name == name).ok_or(EngineError::AppNotFound)
    }

    pub fn addon(&self, name: &str) -> Result<&Addon, EngineError> {
        self.addons.iter().find(|a| a.name == name).ok_or(EngineError::AddonNotFound)
    }

    pub fn addon_mut(&mut self, name: &str) -> Result<&mut Addon, EngineError> {
        self.addons.iter_mut().find(|a| a.name == name).ok_or(EngineError::AddonNotFound)
    }

    /// A pipeline by name or id.
    pub fn pipeline(&self, name_or_id: &str) -> Result<&Pipeline, EngineError> {
        self.pipelines.iter().find(|p| p.name == name_or_id || p.id == name_or_id).ok_or(EngineError::PipelineNotFound)
    }

    /// The pipeline `app` is in, and its coupling there (its stage).
    pub fn coupling_of(&self, app: &str) -> Option<(&Pipeline, &Coupling)> {
        self.pipelines.iter().find_map(|p| p.couplings.iter().find(|c| c.app == app).map(|c| (p, c)))
    }

    /// `addon_plan_names` for an app's next release, sharing the previous
    /// release's list when nothing changed.
    pub fn plan_names_for(&self, app: &App) -> Arc<[String]> {
        let names: Vec<String> =
            self.addons.iter().filter(|a| a.attachments_on(&app.name).next().is_some()).map(Addon::plan_name).collect();
        match app.latest() {
            Some(latest) if *latest.addon_plan_names == names[..] => latest.addon_plan_names.clone(),
            _ => names.into(),
        }
    }

    /// Runs one action. On error nothing has changed.
    pub fn execute(&mut self, action: Action) -> Result<Outcome, EngineError> {
        let outcome = self.apply(action)?;
        self.revision += 1;
        Ok(outcome)
    }

    fn apply(&mut self, action: Action) -> Result<Outcome, EngineError> {
        use Action::*;
        match action {
            CreateApp { name, generation } => actions::create_app::run(self, name, generation),
            DestroyApp { app, confirm } => actions::destroy_app::run(self, &app, confirm),
            Commit { app, message } => actions::commit::run(self, &app, &message),
            Revert { app, rev } => actions::revert::run(self, &app, &rev),
            Push { app } => actions::push::run(self, &app),
            SetConfig { app, vars } => actions::config_set::run(self, &app, vars),
            UnsetConfig { app, keys } => actions::config_unset::run(self, &app, keys),
            PatchConfig { app, changes } => actions::config_set::patch(self, &app, changes),
            CreateAddon { app, service, plan, attachment, wait, confirm } => {
                actions::addon_create::run(self, &app, &service, &plan, attachment, wait, confirm)
            }
            AttachAddon { app, addon, attachment, confirm } => actions::addon_attach::run(self, &app, &addon, attachment, confirm),
            DetachAddon { app, attachment } => actions::addon_detach::run(self, &app, &attachment),
            DestroyAddon { app, addon, confirm } => actions::addon_destroy::run(self, &app, &addon, confirm),
            UpgradeAddon { app, addon, plan } => actions::addon_upgrade::run(self, &app, &addon, &plan),
            RotateAddon { addon } => actions::addon_rotate::run(self, &addon),
            Rollback { app, target } => actions::rollback::run(self, &app, target),
            Retry { app } => actions::retry::run(self, &app),
            SetClock { rfc3339 } => actions::clock::set(self, &rfc3339),
            Advance { secs } => actions::clock::advance(self, secs),
            SetUser { email } => actions::settings::set_user(self, email),
            SetStyle { style } => actions::settings::set_style(self, style),
            SetRetention { app, policy } => actions::settings::set_retention(self, &app, policy),
            SetReleasePhase { app, command } => actions::settings::set_release_phase(self, &app, command),
            FailNextBuild { app } => actions::settings::fail_next_build(self, &app),
            FailNextRelease { app } => actions::settings::fail_next_release(self, &app),
            Seed { seed } => actions::settings::seed(self, seed),
            SetRules { schema } => actions::settings::set_rules(self, schema),
            CreatePipeline { name, app, stage } => actions::pipeline_couple::create(self, name, &app, stage),
            AddToPipeline { pipeline, app, stage } => actions::pipeline_couple::add(self, &pipeline, &app, stage),
            Promote { app, targets } => actions::promote::run(self, &app, targets),
        }
    }

    /// Moves the clock to `to`, firing every timed event due on the way, in order.
    pub fn advance_to(&mut self, to: Timestamp) -> Vec<TimedEvent> {
        let mut events = Vec::new();
        while let Some(due) = self.next_due().filter(|due| due.at() <= to) {
            self.clock.now = self.clock.now.max(due.at());
            self.fire(due, &mut events);
        }
        self.clock.now = self.clock.now.max(to);
        let now = self.clock.now;
        for app in &mut self.apps {
            let versions = app.sweep_retention(now);
            if !versions.is_empty() {
                events.push(TimedEvent::Expired { app: app.name.clone(), versions });
            }
        }
        events
    }

    fn next_due(&self) -> Option<Due> {
        let phases = self
            .apps
            .iter()
            .filter_map(|app| app.next_phase_finish().map(|(at, version)| Due::Phase { at, app: app.name.clone(), version }));
        let provisions = self
            .addons
            .iter()
            .filter_map(|addon| addon.ready_at.map(|at| Due::Provision { at, addon: addon.name.clone() }));
        let calendar = self.apps.iter().any(|app| app.retention_follows_calendar).then_some(Due::Calendar);
        phases.chain(provisions).chain(calendar).min_by_key(|due| due.at())
    }

    fn fire(&mut self, due: Due, events: &mut Vec<TimedEvent>) {
        match due {
            Due::Phase { at, app, version } => {
                if let Ok(target) = self.app_mut(&app) {
                    target.finish_release_phase(version, at);
                    let status = target.release(version).map(|r| r.status).unwrap_or(Status::Failed);
                    events.push(TimedEvent::ReleasePhaseFinished { app, version, status });
                }
            }
            Due::Provision { addon, .. } => {
                if let Some((app, version)) = actions::addon_create::finish_provisioning(self, &addon) {
                    events.push(TimedEvent::Provisioned { app, addon, version });
                }
            }
            Due::Calendar => {
                let now = self.clock.now;
                for app in &mut self.apps {
                    if app.retention_follows_calendar {
                        app.retention_follows_calendar = false;
                        events.push(TimedEvent::RetentionChanged { app: app.name.clone() });
                        let versions = app.set_retention(RetentionPolicy::All2025, now);
                        if !versions.is_empty() {
                            events.push(TimedEvent::Expired { app: app.name.clone(), versions });
                        }
                    }
                }
            }
        }
    }
}

enum Due {
    Phase { at: Timestamp, app: String, version: u32 },
    Provision { at: Timestamp, addon: String },
    /// `retention::ALL_GENERATIONS_FROM`, for apps whose retention follows the date.
    Calendar,
}

impl Due {
    fn at(&self) -> Timestamp {
        match self {
            Due::Phase { at, .. } | Due::Provision { at, .. } => *at,
            Due::Calendar => super::retention::ALL_GENERATIONS_FROM,
        }
    }
}

pub use super::outcome::Outcome;
