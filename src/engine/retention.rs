//! Release retention: which artifacts get destroyed, making their releases `expired`.
//!
//! Releases are created with non-decreasing timestamps and increasing
//! versions, so the releases "past the line" of a policy always form a
//! prefix `v1..=vL`. L only grows while the policy stays the same, which lets
//! the sweep resume where it stopped instead of walking the history.

use super::app::App;
use super::release::{ArtifactId, Status};
use super::time::{Timestamp, DAY};
use serde::{Deserialize, Serialize};

pub const MAX_AGE_SECS: i64 = 30 * DAY;

/// 2025-10-01T00:00:00Z, from when `all-2025` applies to every generation.
pub const ALL_GENERATIONS_FROM: Timestamp = Timestamp(1_759_276_800);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RetentionPolicy {
    /// The seed's Fir rule (Dev Center, Dec 2024): images of releases older
    /// than 30 days (except the latest release) or more than 100 releases back.
    #[serde(rename = "fir-2024")]
    Fir2024,
    /// All generations since 2025-10-01: older than 30 days *and* more than
    /// 20 releases back.
    #[serde(rename = "all-2025")]
    All2025,
    /// Cedar before 2025-10-01: nothing expires.
    #[serde(rename = "unlimited")]
    Unlimited,
}

impl RetentionPolicy {
    pub const ALL: [RetentionPolicy; 3] = [RetentionPolicy::Fir2024, RetentionPolicy::All2025, RetentionPolicy::Unlimited];

    pub fn name(self) -> &'static str {
        match self {
            RetentionPolicy::Fir2024 => "fir-2024",
            RetentionPolicy::All2025 => "all-2025",
            RetentionPolicy::Unlimited => "unlimited",
        }
    }

    pub fn parse(text: &str) -> Option<RetentionPolicy> {
        RetentionPolicy::ALL.into_iter().find(|p| p.name() == text)
    }

    pub fn summary(self) -> &'static str {
        match self {
            RetentionPolicy::Fir2024 => "older than 30 days (except the latest release) or more than 100 releases back",
            RetentionPolicy::All2025 => "older than 30 days and more than 20 releases back",
            RetentionPolicy::Unlimited => "never expires",
        }
    }

    /// How many of the oldest releases (`v1..=vL`) are past the line.
    /// `older_than_max_age` is how many releases are strictly older than 30 days.
    pub fn line(self, release_count: u32, older_than_max_age: u32) -> u32 {
        match self {
            RetentionPolicy::Unlimited => 0,
            RetentionPolicy::Fir2024 => {
                release_count.saturating_sub(101).max(older_than_max_age.min(release_count.saturating_sub(1)))
            }
            RetentionPolicy::All2025 => release_count.saturating_sub(21).min(older_than_max_age),
        }
    }
}

/// Why a release expired, or why retention keeps it: what
/// `App::retention_of` finds. Data only; `cli::explain` words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Its slug or image was deleted at `at`.
    Expired { at: Timestamp },
    /// Nothing was deployed: there is no slug or image to delete.
    NothingToDelete,
    /// The app's policy is `unlimited`.
    PolicyNeverExpires,
    /// Not past the policy's line: `age_secs` old, `newer` releases after it.
    WithinLine { age_secs: i64, newer: u32, latest: bool },
    /// Past the line, but a newer release not past it, `version`, runs the same slug or image.
    UsedByNewer { version: u32 },
    /// It is the current release, whose slug or image is never deleted.
    Current,
    /// The current release, `current`, runs the same slug or image.
    RunByCurrent { current: u32 },
    /// Past the line and unprotected: it expires when the clock next moves.
    Due,
}

/// Where the incremental sweep stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepCursor {
    /// Releases `v1..=swept` have been examined under the current policy.
    pub swept: u32,
    /// Artifacts past the line but kept because the current release runs them.
    pub held: Vec<ArtifactId>,
}

impl App {
    /// Releases created strictly more than 30 days before `now`.
    fn older_than_max_age(&self, now: Timestamp) -> u32 {
        let cutoff = Timestamp(now.0 - MAX_AGE_SECS);
        self.releases.partition_point(|r| r.created_at < cutoff) as u32
    }

    pub fn retention_line(&self, now: Timestamp) -> u32 {
        self.retention.line(self.releases.len() as u32, self.older_than_max_age(now))
    }

    fn current_artifact(&self) -> Option<ArtifactId> {
        self.current_release().and_then(|r| r.artifact)
    }

    /// Destroys every artifact whose releases are all past the line, except
    /// the current release's. Returns the versions that expired.
    pub fn sweep_retention(&mut self, now: Timestamp) -> Vec<u32> {
        let line = self.retention_line(now);
        let keep = self.current_artifact();
        let mut expired = Vec::new();

        let held = std::mem::take(&mut self.sweep.held);
        for artifact in held {
            self.consider(artifact, line, keep, now, &mut expired);
        }
        for version in self.sweep.swept + 1..=line {
            if let Some(artifact) = self.releases[version as usize - 1].artifact {
                self.consider(artifact, line, keep, now, &mut expired);
            }
        }
        self.sweep.swept = self.sweep.swept.max(line);
        // Nearly sorted already: held artifacts first, then the line's versions in order.
        super::sort_small(&mut expired, |a, b| a < b);
        expired
    }

    fn consider(&mut self, id: ArtifactId, line: u32, keep: Option<ArtifactId>, now: Timestamp, expired: &mut Vec<u32>) {
        let artifact = &self.artifacts[id.0 as usize];
        if artifact.destroyed_at.is_some() || artifact.last_used_by() > line {
            // A newer release still runs it; the sweep reaches it again there.
            return;
        }
        if keep == Some(id) {
            if !self.sweep.held.contains(&id) {
                self.sweep.held.push(id);
            }
            return;
        }
        let artifact = &mut self.artifacts[id.0 as usize];
        artifact.destroyed_at = Some(now);
        for &version in &artifact.used_by {
            let release = &mut self.releases[version as usize - 1];
            if release.status != Status::Expired {
                release.status = Status::Expired;
                release.updated_at = now;
                expired.push(version);
            }
        }
    }

    /// Switches policy and re-examines the whole history once. Destroyed
    /// artifacts stay destroyed: a laxer policy cannot bring them back.
    pub fn set_retention(&mut self, policy: super::retention::RetentionPolicy, now: Timestamp) -> Vec<u32> {
        self.retention = policy;
        self.sweep = SweepCursor::default();
        self.sweep_retention(now)
    }

    /// Why release `version` expired or is still kept, as of `now`; `None`
    /// for a version the app does not have. Read-only: views explain the
    /// sweep with it, and it agrees with `sweep_retention`.
    pub fn retention_of(&self, version: u32, now: Timestamp) -> Option<Kept> {
        let release = self.release(version)?;
        let Some(id) = release.artifact else { return Some(Kept::NothingToDelete) };
        let artifact = &self.artifacts[id.0 as usize];
        if let Some(at) = artifact.destroyed_at {
            return Some(Kept::Expired { at });
        }
        if self.retention == RetentionPolicy::Unlimited {
            return Some(Kept::PolicyNeverExpires);
        }
        let current = self.current_release();
        if current.is_some_and(|current| current.version == version) {
            return Some(Kept::Current);
        }
        let line = self.retention_line(now);
        if version > line {
            let age_secs = now.0 - release.created_at.0;
            let newer = self.releases.len() as u32 - version;
            return Some(Kept::WithinLine { age_secs, newer, latest: newer == 0 });
        }
        match current {
            Some(current) if current.artifact == Some(id) => Some(Kept::RunByCurrent { current: current.version }),
            _ if artifact.last_used_by() > line => Some(Kept::UsedByNewer { version: artifact.last_used_by() }),
            // Past the line and unprotected: the sweep deletes it when the clock next moves.
            _ => Some(Kept::Due),
        }
    }

    /// The rule, checked from scratch: what an incremental sweep must have done.
    /// Used by tests; walks everything.
    pub fn retention_violations(&self, now: Timestamp) -> Vec<String> {
        let line = self.retention_line(now);
        let keep = self.current_artifact();
        let mut problems = Vec::new();
        if let Some(current) = self.current_release() {
            if current.status == Status::Expired {
                problems.push(format!("current release v{} is expired", current.version));
            }
            if let Some(artifact) = current.artifact {
                if self.artifacts[artifact.0 as usize].destroyed_at.is_some() {
                    problems.push(format!("current release v{} lost its artifact", current.version));
                }
            }
        }
        for (index, artifact) in self.artifacts.iter().enumerate() {
            let id = ArtifactId(index as u32);
            let destroyable = artifact.last_used_by() <= line && keep != Some(id);
            if destroyable && artifact.destroyed_at.is_none() {
                problems.push(format!("artifact {} of v{:?} should be destroyed", artifact.id, artifact.used_by));
            }
            for &version in &artifact.used_by {
                let expired = self.releases[version as usize - 1].status == Status::Expired;
                if expired != artifact.destroyed_at.is_some() {
                    problems.push(format!("v{version} expired={expired} but its artifact destroyed={}", artifact.destroyed_at.is_some()));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::RetentionPolicy::*;

    #[test]
    fn lines_at_the_boundaries() {
        // 121 releases, none older than 30 days: fir-2024 keeps v21..=v121 (100 back + the latest).
        assert_eq!(Fir2024.line(121, 0), 20);
        assert_eq!(Fir2024.line(101, 0), 0);
        assert_eq!(Fir2024.line(102, 0), 1);
        // Old releases: fir-2024 keeps only the latest.
        assert_eq!(Fir2024.line(5, 5), 4);
        // all-2025 needs both: old and more than 20 back.
        assert_eq!(All2025.line(30, 30), 9);
        assert_eq!(All2025.line(21, 21), 0);
        assert_eq!(All2025.line(22, 22), 1);
        assert_eq!(All2025.line(30, 3), 3);
        assert_eq!(Unlimited.line(10_000, 10_000), 0);
    }
}
