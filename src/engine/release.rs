//! Releases and the artifacts (slugs or OCI images) they run.

use super::config::SnapshotId;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Succeeded,
    Failed,
    Expired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Expired => "expired",
        }
    }

    /// The CLI's status text (`status-helper.ts`); empty for succeeded.
    pub fn cli_text(self) -> &'static str {
        match self {
            Status::Pending => "release command executing",
            Status::Failed => "release command failed",
            Status::Expired => "release expired",
            Status::Succeeded => "",
        }
    }
}

/// Why a release exists. Rendered into a description per output style.
/// Externally tagged on purpose: an internally tagged enum makes serde
/// buffer every value, which costs the browser build ~20 kB.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    InitialRelease,
    EnableLogplex,
    Deploy { sha: String },
    ConfigSet { keys: Vec<String> },
    ConfigRemove { keys: Vec<String> },
    /// One change that set some vars and removed others (an API PATCH).
    ConfigPatch { set: Vec<String>, removed: Vec<String> },
    /// An attachment was created, by provisioning or `addons:attach`.
    Attach { attachment: String, addon: String },
    Detach { attachment: String, addon: String },
    /// Background provisioning finished and set the attachment vars.
    Provisioned { addon: String, vars: Vec<String> },
    /// The provider changed its own vars (e.g. rotated credentials).
    AddonUpdate { attachments: Vec<String>, service: String },
    PlanChange { addon: String, plan: String },
    Rollback { target: u32 },
    Retry { of: u32, original: Box<Change> },
    /// A pipeline promotion from `app`'s release `version`, which ran `sha`.
    Promote { app: String, version: u32, sha: String },
}

/// What kind of change a release is, as lessons check it and the
/// timeline draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Deploy,
    Config,
    Addon,
    /// The add-on's provider changed its own vars.
    Provider,
    Rollback,
    Retry,
    /// The releases an app is created with (Initial release, Enable Logplex).
    Initial,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// The current CLI (v11) strings and layout.
    Modern,
    /// The Dev Center page's (~2011 CLI) strings and layout.
    Classic,
}

impl Style {
    pub const ALL: [Style; 2] = [Style::Modern, Style::Classic];

    /// The name `sim style` takes.
    pub fn name(self) -> &'static str {
        match self {
            Style::Modern => "modern",
            Style::Classic => "classic",
        }
    }

    pub fn parse(text: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.name() == text)
    }
}

impl Change {
    pub fn kind(&self) -> Kind {
        match self {
            Change::InitialRelease | Change::EnableLogplex => Kind::Initial,
            Change::Deploy { .. } | Change::Promote { .. } => Kind::Deploy,
            Change::ConfigSet { .. } | Change::ConfigRemove { .. } | Change::ConfigPatch { .. } => Kind::Config,
            Change::Attach { .. } | Change::Detach { .. } | Change::Provisioned { .. } | Change::PlanChange { .. } => Kind::Addon,
            Change::AddonUpdate { .. } => Kind::Provider,
            Change::Rollback { .. } => Kind::Rollback,
            Change::Retry { .. } => Kind::Retry,
        }
    }

    pub fn description(&self, style: Style) -> String {
        let classic = style == Style::Classic;
        match self {
            Change::InitialRelease => "Initial release".into(),
            Change::EnableLogplex => "Enable Logplex".into(),
            Change::Deploy { sha } => format!("Deploy {}", short_sha(sha, classic)),
            // Labs' 2014 wording; today's is unconfirmed, so both styles use it.
            Change::Promote { app, version, sha } => format!("Promote {app} v{version} {}", short_sha(sha, classic)),
            Change::ConfigSet { keys } if classic => format!("Config add {}", keys.join(", ")),
            Change::ConfigSet { keys } => format!("Set {} config vars", keys.join(", ")),
            Change::ConfigRemove { keys } if classic => format!("Config remove {}", keys.join(", ")),
            Change::ConfigRemove { keys } => format!("Remove {} config vars", keys.join(", ")),
            // Heroku's wording for a mixed PATCH is unconfirmed.
            Change::ConfigPatch { set, removed } if classic => format!("Config add {}, remove {}", set.join(", "), removed.join(", ")),
            Change::ConfigPatch { set, removed } => format!("Set {} and remove {} config vars", set.join(", "), removed.join(", ")),
            Change::Attach { attachment, .. } if classic => format!("Attach {} resource", attachment.to_ascii_uppercase()),
            Change::Attach { attachment, addon } => format!("Attach {} (@ref:{addon})", attachment.to_ascii_uppercase()),
            Change::Detach { attachment, .. } if classic => format!("Detach {} resource", attachment.to_ascii_uppercase()),
            Change::Detach { attachment, addon } => format!("Detach {} (@ref:{addon})", attachment.to_ascii_uppercase()),
            Change::Provisioned { addon, vars } if vars.is_empty() => format!("@ref:{addon} completed provisioning"),
            Change::Provisioned { addon, vars } => format!("@ref:{addon} completed provisioning, setting {}.", vars.join(", ")),
            Change::AddonUpdate { attachments, service } => {
                let names: Vec<String> = attachments.iter().map(|a| a.to_ascii_uppercase()).collect();
                format!("Update {} by {service}", names.join(", "))
            }
            Change::PlanChange { plan, .. } if classic => format!("Add-on upgrade {plan}"),
            Change::PlanChange { addon, plan } => format!("Change @ref:{addon} plan to {plan}"),
            Change::Rollback { target } => format!("Rollback to v{target}"),
            Change::Retry { of, original } => format!("Retry of v{of}: {}", original.description(style)),
        }
    }
}

fn short_sha(sha: &str, classic: bool) -> &str {
    &sha[..if classic { 7 } else { 8 }.min(sha.len())]
}

/// Index of an artifact in its app's artifact list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArtifactId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    /// Cedar: a compiled slug.
    Slug,
    /// Fir: an OCI image built by Cloud Native Buildpacks.
    OciImage,
}

impl ArtifactKind {
    pub fn api_type(self) -> &'static str {
        match self {
            ArtifactKind::Slug => "slug",
            ArtifactKind::OciImage => "oci-image",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            ArtifactKind::Slug => "slug",
            ArtifactKind::OciImage => "OCI image",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    pub kind: ArtifactKind,
    pub id: String,
    pub commit: String,
    pub commit_description: String,
    pub size_bytes: u64,
    /// Every release that runs this artifact, ascending. Retention destroys an
    /// artifact only when all of them are past the line.
    pub used_by: Vec<u32>,
    pub destroyed_at: Option<Timestamp>,
    /// The release command its code declares (worlds of `schema::CODE_AND_CALENDAR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_command: Option<String>,
}

impl Artifact {
    pub fn last_used_by(&self) -> u32 {
        self.used_by.last().copied().unwrap_or(0)
    }
}

/// A run of the app's release command for one release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasePhase {
    pub command: String,
    pub will_fail: bool,
    pub finishes_at: Timestamp,
    pub finished: bool,
}

impl ReleasePhase {
    /// What the release command printed so far (the output stream's content).
    pub fn output(&self) -> Vec<String> {
        let mut lines = vec![format!("Running `{}`", self.command)];
        if self.finished {
            if self.will_fail {
                lines.push("(simulated) release command exited with status 1".to_string());
            } else {
                lines.push("(simulated) release command exited with status 0".to_string());
            }
        }
        lines
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub id: String,
    pub version: u32,
    pub change: Change,
    pub user: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub artifact: Option<ArtifactId>,
    pub config: SnapshotId,
    pub addon_plan_names: Arc<[String]>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_phase: Option<ReleasePhase>,
}

/// Why a release cannot be rolled back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    Pending,
    Failed,
    Expired,
    NoArtifact,
}

impl Release {
    pub fn eligibility(&self) -> Result<(), Ineligible> {
        match self.status {
            Status::Pending => Err(Ineligible::Pending),
            Status::Failed => Err(Ineligible::Failed),
            Status::Expired => Err(Ineligible::Expired),
            Status::Succeeded if self.artifact.is_none() => Err(Ineligible::NoArtifact),
            Status::Succeeded => Ok(()),
        }
    }

    pub fn eligible_for_rollback(&self) -> bool {
        self.eligibility().is_ok()
    }
}
