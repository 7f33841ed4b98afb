//! Every way a command can be refused, as data. A refused command changes
//! nothing. The words a user reads are the CLI's (`cli::errors`); `kind`
//! sorts a refusal into the few categories an API answers with.

use super::config::KeyProblem;
use super::release::{ArtifactKind, Ineligible};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    AppNotFound,
    AppNameTaken { name: String },
    AppNameInvalid,
    AppNameTooShort,
    AppNameTooLong,
    ReleaseNotFound,
    NoReleases { app: String },
    NoEligibleRelease { app: String },
    NotEligible { version: u32, why: Ineligible, artifact: ArtifactKind },
    /// `config:set` with nothing to set.
    NoConfigVars,
    /// `config:unset` with nothing to unset.
    NoConfigKeys,
    InvalidConfigKey { key: String, problem: KeyProblem },
    ConfigTooLarge { bytes: usize, limit: usize },
    /// Config vars an add-on attachment gives the app: they are the add-on's.
    AttachmentVars { keys: Vec<String> },
    UnknownService { service: String, available: Vec<String> },
    UnknownPlan { service: String, plan: String, available: Vec<String> },
    /// A plan named as `SERVICE:PLAN` whose service is not the add-on's.
    PlanOfOtherService { addon: String, service: String, given: String },
    AddonNotFound,
    /// A service name that matches several of the app's add-ons.
    AmbiguousAddon { name: String },
    AttachmentNotFound,
    AttachmentExists { name: String, app: String },
    AttachmentNameInvalid { name: String },
    /// Every colour alias is taken on the app.
    NoFreeAttachmentName { app: String },
    AddonProvisioning { addon: String },
    AddonOnOtherApp { addon: String, owner: String, app: String },
    /// The add-on's service sets no config vars, so it has nothing to rotate.
    AddonHasNoVars { addon: String },
    LastAttachment { attachment: String, addon: String, app: String },
    SamePlan { addon: String, plan: String },
    ConfirmationRequired { app: String },
    ConfirmationMismatch { given: String, app: String },
    PipelineNotFound,
    PipelineNameTaken { name: String },
    AlreadyInPipeline { app: String, pipeline: String },
    NotInPipeline,
    /// `pipelines:promote` from a stage with nothing downstream (review, production).
    CannotPromoteFrom { app: String, stage: &'static str },
    NoDownstreamApps { app: String, stage: &'static str },
    PromoteToSelf { app: String },
    /// `--to` named no app.
    NoPromotionTargets,
    /// A `--to` app that is not in the source's pipeline.
    TargetNotInPipeline { app: String },
    /// The source app has no current release with a slug or image.
    NothingToPromote { app: String },
    /// An add-on's vars would replace config vars the app already has;
    /// `given` is a `--confirm` that did not name the app.
    WouldOverwriteVars { app: String, keys: Vec<String>, given: Option<String> },
    NoReleasePhase,
    /// A release command that is only whitespace.
    EmptyReleaseCommand,
    /// `sim fail next-release` on an app without a release phase.
    NoReleasePhaseToFail { app: String },
    /// `now` is the clock's reading, as `sim` prints times.
    ClockBackwards { now: String },
    /// The clock would pass `time::LAST_SECOND`; `now` as for `ClockBackwards`.
    ClockPastLastSecond { now: String },
    NotRfc3339 { text: String },
    NonPositiveDuration,
    BadEmail { email: String },
    /// `sim rules` once apps exist, or to rules newer than the world's.
    RulesFixed { rules: u32 },
    Git(GitError),
}

/// Refusals that git itself would print, in git's voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitError {
    UnknownRevision { rev: String },
    AmbiguousRevision { rev: String },
    /// `git revert` of a revision that names no commit.
    BadRevision { rev: String },
    EmptyCommitMessage,
    /// A push from a repository without commits.
    NothingToPush { git_url: String },
}

/// What kind of refusal it is, for a view or an API to act on without
/// reading words. `Usage`, `UnknownCommand` and `BuildFailed` never come from
/// the engine: the CLI reports them for command lines and builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound { what: Resource },
    Invalid { field: &'static str },
    /// The name is taken, the attachment exists, the plan is already the add-on's.
    Conflict,
    /// A destructive command was not confirmed with the app's name.
    ConfirmationRequired,
    /// The request is well formed but the current state does not allow it
    /// (still provisioning, no release phase, nothing eligible…).
    Unavailable,
    /// A command line with missing or malformed arguments.
    Usage,
    UnknownCommand,
    /// Not a refusal: the push happened and its build failed.
    BuildFailed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    App,
    Release,
    Addon,
    Attachment,
    Commit,
    Service,
    Plan,
    Pipeline,
}

impl EngineError {
    pub fn kind(&self) -> ErrorKind {
        use EngineError as E;
        use ErrorKind as K;
        let not_found = |what| K::NotFound { what };
        let invalid = |field| K::Invalid { field };
        match self {
            E::AppNotFound => not_found(Resource::App),
            E::ReleaseNotFound | E::NoReleases { .. } => not_found(Resource::Release),
            E::AddonNotFound | E::AddonOnOtherApp { .. } => not_found(Resource::Addon),
            E::AttachmentNotFound => not_found(Resource::Attachment),
            E::PipelineNotFound | E::NotInPipeline => not_found(Resource::Pipeline),
            E::PipelineNameTaken { .. } | E::AlreadyInPipeline { .. } => K::Conflict,
            E::CannotPromoteFrom { .. } | E::NoDownstreamApps { .. } | E::PromoteToSelf { .. } | E::TargetNotInPipeline { .. } => K::Usage,
            E::NoPromotionTargets => invalid("targets"),
            E::NothingToPromote { .. } => invalid("source"),
            E::UnknownService { .. } => not_found(Resource::Service),
            E::UnknownPlan { .. } => not_found(Resource::Plan),
            E::AppNameInvalid | E::AppNameTooShort | E::AppNameTooLong => invalid("name"),
            // Nothing to set or unset: the command was typed without its arguments.
            E::NoConfigVars | E::NoConfigKeys => K::Usage,
            E::InvalidConfigKey { .. } | E::ConfigTooLarge { .. } | E::AttachmentVars { .. } => invalid("config_vars"),
            E::PlanOfOtherService { .. } => invalid("plan"),
            E::AmbiguousAddon { .. } => invalid("addon"),
            E::AttachmentNameInvalid { .. } => invalid("attachment"),
            E::EmptyReleaseCommand => invalid("command"),
            E::NotRfc3339 { .. } => invalid("time"),
            E::NonPositiveDuration => invalid("duration"),
            E::BadEmail { .. } => invalid("email"),
            E::RulesFixed { .. } => K::Unavailable,
            E::AppNameTaken { .. } | E::AttachmentExists { .. } | E::NoFreeAttachmentName { .. } | E::SamePlan { .. } => K::Conflict,
            E::ConfirmationRequired { .. } | E::ConfirmationMismatch { .. } | E::WouldOverwriteVars { .. } => K::ConfirmationRequired,
            E::NoEligibleRelease { .. }
            | E::NotEligible { .. }
            | E::AddonProvisioning { .. }
            | E::AddonHasNoVars { .. }
            | E::LastAttachment { .. }
            | E::NoReleasePhase
            | E::NoReleasePhaseToFail { .. }
            | E::ClockBackwards { .. } => K::Unavailable,
            E::ClockPastLastSecond { .. } => invalid("time"),
            E::Git(error) => error.kind(),
        }
    }
}

impl GitError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            GitError::UnknownRevision { .. } | GitError::BadRevision { .. } | GitError::NothingToPush { .. } => {
                ErrorKind::NotFound { what: Resource::Commit }
            }
            GitError::AmbiguousRevision { .. } => ErrorKind::Invalid { field: "revision" },
            GitError::EmptyCommitMessage => ErrorKind::Invalid { field: "message" },
        }
    }
}
