//! Comparing two releases: `releases:diff` and the rollback preview.

use super::app::App;
use super::config::ConfigVars;
use super::error::EngineError;
use super::release::{ArtifactId, Status};
use super::world::World;
use imbl::ordmap::DiffItem;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSide {
    pub commit: String,
    pub subject: String,
    pub artifact_id: String,
    pub expired: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ConfigDiff {
    pub added: Vec<(String, String)>,
    pub removed: Vec<(String, String)>,
    /// Key, old value, new value.
    pub changed: Vec<(String, String, String)>,
}

impl ConfigDiff {
    pub fn between(from: &ConfigVars, to: &ConfigVars) -> ConfigDiff {
        let mut diff = ConfigDiff::default();
        for item in from.diff(to) {
            match item {
                DiffItem::Add(k, v) => diff.added.push((k.to_string(), v.to_string())),
                DiffItem::Remove(k, v) => diff.removed.push((k.to_string(), v.to_string())),
                DiffItem::Update { old, new } => diff.changed.push((old.0.to_string(), old.1.to_string(), new.1.to_string())),
            }
        }
        diff
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseDiff {
    pub from: u32,
    pub to: u32,
    pub from_description: String,
    pub to_description: String,
    pub from_status: Status,
    pub to_status: Status,
    /// `None` when both releases run the same artifact.
    pub code: Option<(Option<CodeSide>, Option<CodeSide>)>,
    pub config: ConfigDiff,
    pub plans_added: Vec<String>,
    pub plans_removed: Vec<String>,
}

/// A config var that belongs to an add-on attachment that is still there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddonVar {
    pub var: String,
    pub attachment: String,
    pub addon: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollbackPreview {
    pub target: u32,
    /// From the app as it is now (its newest release) to what the rollback makes.
    pub diff: ReleaseDiff,
    /// Add-on vars the rollback removes while their add-on stays attached.
    pub stripped: Vec<AddonVar>,
    /// Add-on vars the rollback sets back to an older value.
    pub reverted: Vec<AddonVar>,
}

fn code_side(app: &App, artifact: Option<ArtifactId>) -> Option<CodeSide> {
    artifact.map(|id| {
        let artifact = app.artifact(id);
        CodeSide {
            commit: artifact.commit.clone(),
            subject: artifact.commit_description.clone(),
            artifact_id: artifact.id.clone(),
            expired: artifact.destroyed_at.is_some(),
        }
    })
}

impl World {
    /// What changed from release `from` to release `to` of `app`.
    pub fn diff_releases(&self, app: &str, from: u32, to: u32) -> Result<ReleaseDiff, EngineError> {
        let app = self.app(app)?;
        let a = app.release(from).ok_or(EngineError::ReleaseNotFound)?;
        let b = app.release(to).ok_or(EngineError::ReleaseNotFound)?;
        let code = (a.artifact != b.artifact).then(|| (code_side(app, a.artifact), code_side(app, b.artifact)));
        let plans_added = b.addon_plan_names.iter().filter(|p| !a.addon_plan_names.contains(p)).cloned().collect();
        let plans_removed = a.addon_plan_names.iter().filter(|p| !b.addon_plan_names.contains(p)).cloned().collect();
        Ok(ReleaseDiff {
            from,
            to,
            from_description: a.change.description(self.style),
            to_description: b.change.description(self.style),
            from_status: a.status,
            to_status: b.status,
            code,
            config: ConfigDiff::between(app.config.vars(a.config), app.config.vars(b.config)),
            plans_added,
            plans_removed,
        })
    }

    /// Exactly what `rollback` to `target` would change. Refuses ineligible targets.
    pub fn rollback_preview(&self, app_name: &str, target: Option<u32>) -> Result<RollbackPreview, EngineError> {
        let app = self.app(app_name)?;
        let latest = app.latest().ok_or_else(|| EngineError::NoReleases { app: app.name.clone() })?;
        let target = match target {
            Some(version) => {
                let release = app.release(version).ok_or(EngineError::ReleaseNotFound)?;
                release.eligibility().map_err(|why| EngineError::NotEligible { version, why, artifact: app.kind() })?;
                release
            }
            None => app.previous_eligible(self.schema_version).ok_or_else(|| EngineError::NoEligibleRelease { app: app.name.clone() })?,
        };
        let mut diff = self.diff_releases(app_name, latest.version, target.version)?;
        // A rollback keeps today's add-ons, whatever the target had.
        diff.plans_added.clear();
        diff.plans_removed.clear();
        let mut stripped = Vec::new();
        let mut reverted = Vec::new();
        let target_vars = app.config.vars(target.config);
        for addon in &self.addons {
            for attachment in addon.attachments_on(&app.name) {
                for var in attachment.var_names(addon.service()) {
                    let entry = AddonVar { var: var.clone(), attachment: attachment.name.clone(), addon: addon.name.clone() };
                    match (app.config_vars().get(var.as_str()), target_vars.get(var.as_str())) {
                        (Some(_), None) => stripped.push(entry),
                        (Some(now), Some(then)) if now != then => reverted.push(entry),
                        _ => {}
                    }
                }
            }
        }
        Ok(RollbackPreview { target: target.version, diff, stripped, reverted })
    }
}
