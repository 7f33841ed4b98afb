//! The `sim` settings: who acts, output style, retention, release phase,
//! injected failures and the random seed.

use crate::engine::error::EngineError;
use crate::engine::release::Style;
use crate::engine::retention::RetentionPolicy;
use crate::engine::rng::Rng;
use crate::engine::outcome::Setting;
use crate::engine::world::{schema, Outcome, World};

fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
                && !text.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn set_user(world: &mut World, email: String) -> Result<Outcome, EngineError> {
    if !is_email(&email) {
        return Err(EngineError::BadEmail { email });
    }
    world.user = email.clone();
    Ok(Outcome::SettingChanged(Setting::User { email }))
}

pub fn set_style(world: &mut World, style: Style) -> Result<Outcome, EngineError> {
    world.style = style;
    Ok(Outcome::SettingChanged(Setting::Style(style)))
}

pub fn set_retention(world: &mut World, app: &str, policy: RetentionPolicy) -> Result<Outcome, EngineError> {
    let now = world.now();
    let target = world.app_mut(app)?;
    target.retention_follows_calendar = false;
    let expired = target.set_retention(policy, now);
    Ok(Outcome::SettingChanged(Setting::Retention { app: app.to_string(), policy, expired }))
}

pub fn set_release_phase(world: &mut World, app: &str, command: Option<String>) -> Result<Outcome, EngineError> {
    if command.as_deref().is_some_and(|c| c.trim().is_empty()) {
        return Err(EngineError::EmptyReleaseCommand);
    }
    let in_code = world.follows(schema::CODE_AND_CALENDAR);
    let target = world.app_mut(app)?;
    if in_code {
        // Edits the Procfile: a commit records it, and a push deploys it.
        target.repo.procfile_release = command.clone();
        return Ok(Outcome::SettingChanged(Setting::Procfile { app: app.to_string(), command }));
    }
    if command.is_none() {
        target.fail_next_release = false;
    }
    target.release_command = command.clone();
    Ok(Outcome::SettingChanged(Setting::ReleasePhase { app: app.to_string(), command }))
}

pub fn fail_next_build(world: &mut World, app: &str) -> Result<Outcome, EngineError> {
    world.app_mut(app)?.fail_next_build = true;
    Ok(Outcome::SettingChanged(Setting::FailNextBuild { app: app.to_string() }))
}

pub fn fail_next_release(world: &mut World, app: &str) -> Result<Outcome, EngineError> {
    let target = world.app_mut(app)?;
    if target.release_command.is_none() && target.repo.procfile_release.is_none() {
        return Err(EngineError::NoReleasePhaseToFail { app: app.to_string() });
    }
    target.fail_next_release = true;
    Ok(Outcome::SettingChanged(Setting::FailNextRelease { app: app.to_string() }))
}

/// `sim rules N`: an empty world may follow earlier rules (the seed's walk
/// needs the original ones); no world may take on later rules than it has,
/// so a workspace of the original rules replays as it always did.
pub fn set_rules(world: &mut World, schema: u32) -> Result<Outcome, EngineError> {
    // A world of the original rules never had `sim rules`: it refuses it
    // whatever it asks, as the builds that made it did.
    let empty = world.apps.is_empty() && world.addons.is_empty() && world.pipelines.is_empty();
    if !empty || schema > world.schema_version || !world.follows(schema::API_ORACLE) {
        return Err(EngineError::RulesFixed { rules: world.schema_version });
    }
    world.schema_version = schema;
    Ok(Outcome::SettingChanged(Setting::Rules(schema)))
}

pub fn seed(world: &mut World, seed: u64) -> Result<Outcome, EngineError> {
    world.rng = Rng::seeded(seed);
    Ok(Outcome::SettingChanged(Setting::Seed(seed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("jim@example.com"));
        assert!(!is_email("jim"));
        assert!(!is_email("jim@localhost"));
        assert!(!is_email("a b@example.com"));
    }
}
