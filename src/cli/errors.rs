//! The words for every engine refusal. The engine says what went wrong in
//! data; how the Heroku CLI (or git) would say it lives here, so the engine
//! can serve views and APIs that word things differently.

use crate::engine::config::KeyProblem;
use crate::engine::error::{EngineError, ErrorKind, GitError};
use crate::engine::release::{ArtifactKind, Ineligible};

/// Why `key` cannot be a config var key.
pub fn key_problem(problem: KeyProblem, key: &str) -> String {
    match problem {
        KeyProblem::Empty => "Config var keys cannot be empty.".to_string(),
        KeyProblem::BadCharacters => {
            format!("{key} is not a valid config var key: use only letters, digits and underscores (A-Z, a-z, 0-9, _).")
        }
        KeyProblem::ReservedHerokuPrefix => {
            format!("{key} is not allowed: keys beginning with HEROKU_ are reserved for the Heroku platform.")
        }
        KeyProblem::ReservedDoubleUnderscore => {
            format!("{key} is not allowed: config var keys may not begin with a double underscore (__).")
        }
    }
}

/// Release Lab's warning for a key set in a namespace Heroku reserves (the
/// CLI says nothing; Heroku's docs ask users not to).
pub fn reserved_warning(problem: KeyProblem, key: &str) -> String {
    let namespace = match problem {
        KeyProblem::ReservedDoubleUnderscore => "__",
        _ => "HEROKU_",
    };
    format!("Release Lab: {key} begins with {namespace}, which Heroku reserves for the platform; it may change or remove it.")
}

/// Why release `version` cannot be rolled back to.
pub fn ineligible(why: Ineligible, version: u32, kind: ArtifactKind) -> String {
    match why {
        Ineligible::Pending => format!("v{version} is still pending: its release command is executing."),
        Ineligible::Failed => format!("v{version} failed its release command and was never deployed."),
        Ineligible::Expired => format!("v{version} has expired: its {} was destroyed under the retention policy.", kind.noun()),
        Ineligible::NoArtifact => format!("v{version} has no {}: nothing had been deployed yet.", kind.noun()),
    }
}

/// The CLI's wording of `error`, without the ` ›   Error: ` prefix; lines
/// joined by '\n'.
pub fn message(error: &EngineError) -> String {
    use EngineError as E;
    match error {
        E::AppNotFound => "Couldn't find that app.".to_string(),
        E::AppNameTaken { name } => format!("Name {name} is already taken"),
        E::AppNameInvalid => {
            "Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes."
                .to_string()
        }
        E::AppNameTooShort => "Name is too short (minimum is 3 characters)".to_string(),
        E::AppNameTooLong => "Name is too long (maximum is 30 characters)".to_string(),
        E::ReleaseNotFound => "Couldn't find that release.".to_string(),
        E::NoReleases { app } => format!("{app} has no releases."),
        E::NoEligibleRelease { app } => format!("No eligible release found for ⬢ {app} to roll back to."),
        E::NotEligible { version, why, artifact } => {
            format!("Cannot roll back to v{version}: {}", ineligible(*why, *version, *artifact))
        }
        E::NoConfigVars => "Usage: heroku config:set KEY1=VALUE1 [KEY2=VALUE2 ...]\nMust specify KEY and VALUE to set.".to_string(),
        E::NoConfigKeys => "Usage: heroku config:unset KEY1 [KEY2 ...]\nMust specify KEY to unset.".to_string(),
        E::InvalidConfigKey { key, problem } => key_problem(*problem, key),
        E::AttachmentVars { keys } => format!("Cannot overwrite attachment values {}", keys.join(", ")),
        E::ConfigTooLarge { bytes, limit } => format!(
            "Config vars would total {bytes} bytes; all keys and values together may not exceed 32 kB ({limit} bytes)."
        ),
        E::UnknownService { service, available } => {
            format!("Couldn't find that add-on service: {service}. Available: {}.", available.join(", "))
        }
        E::UnknownPlan { service, plan, available } => {
            format!("Couldn't find plan {plan} for {service}. Available plans: {}.", available.join(", "))
        }
        E::PlanOfOtherService { addon, service, given } => {
            format!("{addon} is a {service} add-on; {given} plans do not apply to it.")
        }
        E::AddonNotFound => "Couldn't find that add-on.".to_string(),
        E::AmbiguousAddon { name } => {
            format!("Ambiguous identifier; multiple matching add-ons found: {name}. Use the add-on's name instead.")
        }
        E::AttachmentNotFound => "Couldn't find that add-on attachment.".to_string(),
        E::AttachmentExists { name, app } => format!("{name} is already attached to {app}: choose another name with --as."),
        E::AttachmentNameInvalid { name } => format!(
            "{name} is not a valid attachment name: start with a letter and use only letters, digits and underscores."
        ),
        E::NoFreeAttachmentName { app } => format!("{app} has no free attachment name left; use --as NAME."),
        E::AddonProvisioning { addon } => format!("{addon} is still being created. Try again when it is provisioned."),
        E::AddonOnOtherApp { addon, owner, app } => format!("{addon} is on {owner} not {app}"),
        E::AddonHasNoVars { addon } => format!("{addon} sets no config vars, so it has nothing to update."),
        E::LastAttachment { attachment, addon, app } => format!(
            "{attachment} is the last attachment of {addon} on its billing app {app}. Destroy the add-on instead: heroku addons:destroy {addon}"
        ),
        E::SamePlan { addon, plan } => format!("{addon} is already on {plan}."),
        E::ConfirmationRequired { app } => format!("To proceed, re-run this command with --confirm {app}"),
        E::ConfirmationMismatch { given, app } | E::WouldOverwriteVars { app, given: Some(given), .. } => format!("Confirmation {given} did not match {app}. Aborted."),
        E::PipelineNotFound => "Pipeline not found".to_string(),
        E::PipelineNameTaken { name } => format!("Name {name} is already taken by another pipeline"),
        E::AlreadyInPipeline { app, pipeline } => format!("{app} is already in pipeline {pipeline}"),
        E::NotInPipeline => "Couldn't find that pipeline coupling.".to_string(),
        E::CannotPromoteFrom { app, stage } => format!("Cannot promote {app} from '{stage}' stage"),
        E::NoDownstreamApps { app, stage } => format!("Cannot promote from {} as there are no downstream apps in {stage} stage", crate::cli::format::app_label(crate::engine::release::Style::Modern, app)),
        E::PromoteToSelf { app } => format!("Cannot promote from an app to itself: {app}. Specify a different target app."),
        E::TargetNotInPipeline { app } => format!("Cannot find app {}", crate::cli::format::app_label(crate::engine::release::Style::Modern, app)),
        E::NoPromotionTargets => "Name the apps to promote to: --to APP1,APP2".to_string(),
        E::NothingToPromote { app } => format!("{app} has no release to promote: deploy it first"),
        E::WouldOverwriteVars { keys, given: None, .. } => {
            let noun = if keys.len() == 1 { "config var" } else { "config vars" };
            format!("This add-on will overwrite {noun} {}. Confirm?", keys.join(", "))
        }
        E::NoReleasePhase => "App must have a release-phase command to use this command.".to_string(),
        E::EmptyReleaseCommand => {
            "The release command cannot be empty; use `sim release-phase off` to remove it.".to_string()
        }
        E::NoReleasePhaseToFail { app } => {
            format!("{app} has no release phase to fail; declare one first with sim release-phase \"COMMAND\".")
        }
        E::ClockBackwards { now } => format!(
            "The simulated clock cannot go backwards: it is {now}. Only an empty world may be set to an earlier time."
        ),
        E::ClockPastLastSecond { now } => format!(
            "The simulated clock stops at 9999-12-31 23:59:59 UTC; it is {now}. Nothing was changed."
        ),
        E::NotRfc3339 { text } => format!(
            "{text} is not an RFC 3339 time; use a form like 2024-12-03T12:00:00Z or 2010-09-12T15:32:17-07:00."
        ),
        E::NonPositiveDuration => "sim advance needs a positive duration, such as 30m, 4h, 31d or 2w.".to_string(),
        E::BadEmail { email } => format!("{email} is not an email address."),
        E::RulesFixed { rules } => format!("this world keeps its rules ({rules}); only an empty one may take earlier rules."),
        E::Git(error) => git_message(error),
    }
}

/// The Platform API's error id for a refusal of this kind: what the CLI
/// prints as ` ›   Error ID: …` and `release-lab api` answers with.
pub fn api_error_id(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound { .. } => "not_found",
        ErrorKind::Conflict => "conflict",
        ErrorKind::ConfirmationRequired => "confirmation_required",
        _ => "invalid_params",
    }
}

/// Whether the real CLI learns of this refusal from the API (and so
/// prints its id), rather than refusing before it asks.
pub fn comes_from_api(error: &EngineError) -> bool {
    use EngineError as E;
    !matches!(
        error,
        // config:set and config:unset check their arguments; rollback finds
        // its default target itself; confirmation is a prompt; retry reads
        // the formation for a release process; the rest are Release Lab's
        // own `sim` and git.
        E::NoConfigVars
            | E::NoConfigKeys
            | E::NoEligibleRelease { .. }
            | E::ConfirmationRequired { .. }
            | E::ConfirmationMismatch { .. }
            | E::PipelineNotFound
            | E::CannotPromoteFrom { .. }
            | E::NoDownstreamApps { .. }
            | E::PromoteToSelf { .. }
            | E::TargetNotInPipeline { .. }
            | E::NoReleasePhase
            | E::EmptyReleaseCommand
            | E::NoReleasePhaseToFail { .. }
            | E::ClockBackwards { .. }
            | E::ClockPastLastSecond { .. }
            | E::NotRfc3339 { .. }
            | E::NonPositiveDuration
            | E::BadEmail { .. }
            | E::RulesFixed { .. }
            | E::Git(_)
    )
}

/// git's own words, printed as they are (no CLI prefix).
fn git_message(error: &GitError) -> String {
    match error {
        GitError::UnknownRevision { rev } => format!(
            "fatal: ambiguous argument '{rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'"
        ),
        GitError::AmbiguousRevision { rev } => format!(
            "error: short object ID {rev} is ambiguous\nfatal: ambiguous argument '{rev}': unknown revision or path not in the working tree."
        ),
        GitError::BadRevision { rev } => format!("fatal: bad revision '{rev}'"),
        GitError::EmptyCommitMessage => "Aborting commit due to empty commit message.".to_string(),
        GitError::NothingToPush { git_url } => {
            format!("error: src refspec main does not match any\nerror: failed to push some refs to '{git_url}'")
        }
    }
}
