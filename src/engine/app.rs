//! One Heroku app: its releases, artifacts, config snapshots and git repo.

use super::config::{ConfigStore, ConfigVars, SnapshotId};
use super::git::Repo;
use super::release::{Artifact, ArtifactId, ArtifactKind, Change, Release, ReleasePhase, Status};
use super::retention::{RetentionPolicy, SweepCursor};
use super::rng::Rng;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How long a release command runs, in simulated seconds.
pub const RELEASE_PHASE_SECS: i64 = 30;
/// How many of the newest releases a bare `heroku rollback` looks through
/// (`Range: version ..; max=10, order=desc`).
pub const ROLLBACK_WINDOW: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Generation {
    Cedar,
    Fir,
}

impl Generation {
    pub const ALL: [Generation; 2] = [Generation::Cedar, Generation::Fir];

    pub fn name(self) -> &'static str {
        match self {
            Generation::Cedar => "cedar",
            Generation::Fir => "fir",
        }
    }

    pub fn parse(text: &str) -> Option<Generation> {
        Generation::ALL.into_iter().find(|g| g.name() == text)
    }

    pub fn artifact_kind(self) -> ArtifactKind {
        match self {
            Generation::Cedar => ArtifactKind::Slug,
            Generation::Fir => ArtifactKind::OciImage,
        }
    }

    pub fn default_retention(self) -> RetentionPolicy {
        match self {
            Generation::Cedar => RetentionPolicy::Unlimited,
            Generation::Fir => RetentionPolicy::Fir2024,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct App {
    pub id: String,
    pub name: String,
    pub generation: Generation,
    pub owner: String,
    pub created_at: Timestamp,
    /// The random part of the modern web URL, `https://NAME-<suffix>.herokuapp.com/`.
    pub web_suffix: String,
    /// `releases[i]` is version `i + 1`.
    pub releases: Vec<Release>,
    pub current: Option<u32>,
    pub artifacts: Vec<Artifact>,
    pub config: ConfigStore,
    pub repo: Repo,
    pub retention: RetentionPolicy,
    /// The policy is the generation's default and changes to `all-2025` when
    /// the clock reaches `retention::ALL_GENERATIONS_FROM` (until `sim retention`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retention_follows_calendar: bool,
    pub sweep: SweepCursor,
    /// The `release:` process type, when declared.
    pub release_command: Option<String>,
    /// Versions whose release command is still running.
    pub pending: Vec<u32>,
    pub fail_next_build: bool,
    pub fail_next_release: bool,
}

/// Everything needed to append a release.
pub struct NewRelease {
    pub change: Change,
    pub user: String,
    pub artifact: Option<ArtifactId>,
    pub config: SnapshotId,
    pub addon_plan_names: Arc<[String]>,
    /// Whether this kind of release runs the release phase, if one is declared.
    pub runs_release_phase: bool,
}

impl App {
    pub fn new(name: String, generation: Generation, owner: String, now: Timestamp, rng: &mut Rng) -> App {
        App {
            id: rng.uuid(),
            name,
            generation,
            owner,
            created_at: now,
            web_suffix: rng.hex(12),
            releases: Vec::new(),
            current: None,
            artifacts: Vec::new(),
            config: ConfigStore::default(),
            repo: Repo::default(),
            retention: generation.default_retention(),
            retention_follows_calendar: false,
            sweep: SweepCursor::default(),
            release_command: None,
            pending: Vec::new(),
            fail_next_build: false,
            fail_next_release: false,
        }
    }

    /// The release command of the code now deployed (rules 3). Without
    /// one, a pending `sim fail next-release` has nothing left to fail.
    pub fn declare_release_command(&mut self, command: Option<String>) {
        if command.is_none() {
            self.fail_next_release = false;
        }
        self.release_command = command;
    }

    pub fn release(&self, version: u32) -> Option<&Release> {
        version.checked_sub(1).and_then(|i| self.releases.get(i as usize))
    }

    pub fn latest(&self) -> Option<&Release> {
        self.releases.last()
    }

    pub fn current_release(&self) -> Option<&Release> {
        self.current.and_then(|v| self.release(v))
    }

    /// The app's config now: that of its newest release, whatever its status.
    pub fn head_config(&self) -> SnapshotId {
        self.latest().map(|r| r.config).unwrap_or(ConfigStore::EMPTY)
    }

    pub fn config_vars(&self) -> &ConfigVars {
        self.config.vars(self.head_config())
    }

    /// The artifact new config-only releases carry: the newest release's.
    pub fn head_artifact(&self) -> Option<ArtifactId> {
        self.latest().and_then(|r| r.artifact)
    }

    pub fn artifact(&self, id: ArtifactId) -> &Artifact {
        &self.artifacts[id.0 as usize]
    }

    pub fn kind(&self) -> ArtifactKind {
        self.generation.artifact_kind()
    }

    pub fn add_artifact(&mut self, artifact: Artifact) -> ArtifactId {
        self.artifacts.push(artifact);
        ArtifactId((self.artifacts.len() - 1) as u32)
    }

    pub fn web_url(&self) -> String {
        format!("https://{}-{}.herokuapp.com/", self.name, self.web_suffix)
    }

    pub fn git_url(&self) -> String {
        format!("https://git.heroku.com/{}.git", self.name)
    }

    /// What a bare `rollback` targets, as the CLI computes it: of the
    /// 10 newest releases, the second eligible one (it takes the first to
    /// be the current release). None when those 10 hold fewer than two.
    /// Worlds of the original rules took the newest eligible release below
    /// the current one, however far back.
    pub fn previous_eligible(&self, schema: u32) -> Option<&Release> {
        if schema >= super::world::schema::API_ORACLE {
            return self.releases.iter().rev().take(ROLLBACK_WINDOW).filter(|r| r.eligible_for_rollback()).nth(1);
        }
        let below = self.current.unwrap_or(self.releases.len() as u32 + 1);
        self.releases[..(below as usize).saturating_sub(1).min(self.releases.len())].iter().rev().find(|r| r.eligible_for_rollback())
    }

    /// Appends a release. A release that runs the release phase starts
    /// `pending` and is finished by [`App::finish_release_phase`].
    pub fn create_release(&mut self, new: NewRelease, now: Timestamp, rng: &mut Rng) -> u32 {
        let version = self.releases.len() as u32 + 1;
        let release_phase = match (&self.release_command, new.runs_release_phase) {
            (Some(command), true) => Some(ReleasePhase {
                command: command.clone(),
                will_fail: std::mem::take(&mut self.fail_next_release),
                finishes_at: now.plus(RELEASE_PHASE_SECS),
                finished: false,
            }),
            _ => None,
        };
        let status = if release_phase.is_some() { Status::Pending } else { Status::Succeeded };
        if let Some(artifact) = new.artifact {
            self.artifacts[artifact.0 as usize].used_by.push(version);
        }
        self.releases.push(Release {
            id: rng.uuid(),
            version,
            change: new.change,
            user: new.user,
            created_at: now,
            updated_at: now,
            artifact: new.artifact,
            config: new.config,
            addon_plan_names: new.addon_plan_names,
            status,
            release_phase,
        });
        if status == Status::Pending {
            self.pending.push(version);
        } else {
            self.current = Some(version);
        }
        self.sweep_retention(now);
        version
    }

    /// The earliest moment one of this app's release commands finishes.
    pub fn next_phase_finish(&self) -> Option<(Timestamp, u32)> {
        self.pending
            .iter()
            .filter_map(|&v| self.release(v).and_then(|r| r.release_phase.as_ref()).map(|p| (p.finishes_at, v)))
            .min()
    }

    /// Ends a release command: the release succeeds (and becomes current if
    /// it is newer than the current one) or fails.
    pub fn finish_release_phase(&mut self, version: u32, at: Timestamp) {
        self.pending.retain(|&v| v != version);
        let Some(release) = version.checked_sub(1).and_then(|i| self.releases.get_mut(i as usize)) else { return };
        let Some(phase) = release.release_phase.as_mut() else { return };
        phase.finished = true;
        if release.status == Status::Pending {
            release.status = if phase.will_fail { Status::Failed } else { Status::Succeeded };
            release.updated_at = at;
            if release.status == Status::Succeeded && self.current.is_none_or(|c| c < version) {
                self.current = Some(version);
            }
        }
        self.sweep_retention(at);
    }
}
