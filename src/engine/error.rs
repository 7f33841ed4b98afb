//! Every way a command can be refused. A refused command changes nothing.

use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EngineError {
    #[error("Couldn't find that app.")]
    AppNotFound,
    #[error("Name {0} is already taken")]
    AppNameTaken(String),
    #[error("Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.")]
    AppNameInvalid,
    #[error("Name is too long (maximum is 30 characters)")]
    AppNameTooLong,
    #[error("Couldn't find that release.")]
    ReleaseNotFound,
    #[error("{app} has no releases.")]
    NoReleases { app: String },
    #[error("No eligible release found for {app} to roll back to.")]
    NoEligibleRelease { app: String },
    #[error("Cannot roll back to v{version}: {reason}")]
    NotEligible { version: u32, reason: String },
    #[error("{0}")]
    InvalidConfigKey(String),
    #[error("Config vars would total {bytes} bytes; all keys and values together may not exceed 32 kB ({limit} bytes).")]
    ConfigTooLarge { bytes: usize, limit: usize },
    #[error("Couldn't find that add-on service: {0}. Available: {1}.")]
    UnknownService(String, String),
    #[error("Couldn't find plan {plan} for {service}. Available plans: {available}.")]
    UnknownPlan { service: String, plan: String, available: String },
    #[error("Couldn't find that add-on.")]
    AddonNotFound,
    #[error("Couldn't find that add-on attachment.")]
    AttachmentNotFound,
    #[error("{name} is already attached to {app}: choose another name with --as.")]
    AttachmentExists { name: String, app: String },
    #[error("{0} is not a valid attachment name: start with a letter and use only letters, digits and underscores.")]
    AttachmentNameInvalid(String),
    #[error("{addon} is still being created. Try again when it is provisioned.")]
    AddonProvisioning { addon: String },
    #[error("{addon} is on {owner} not {app}")]
    AddonOnOtherApp { addon: String, owner: String, app: String },
    #[error("{attachment} is the last attachment of {addon} on its billing app {app}. Destroy the add-on instead: heroku addons:destroy {addon}")]
    LastAttachment { attachment: String, addon: String, app: String },
    #[error("{addon} is already on {plan}.")]
    SamePlan { addon: String, plan: String },
    #[error("To proceed, re-run this command with --confirm {app}")]
    ConfirmationRequired { app: String },
    #[error("Confirmation {given} did not match {app}. Aborted.")]
    ConfirmationMismatch { given: String, app: String },
    #[error("App must have a release-phase command to use this command.")]
    NoReleasePhase,
    #[error("{0}")]
    Git(String),
    #[error("The simulated clock cannot go backwards: it is {now}. Only an empty world may be set to an earlier time.")]
    ClockBackwards { now: String },
    #[error("{0} is not an email address.")]
    BadEmail(String),
    #[error("{0}")]
    Invalid(String),
}
