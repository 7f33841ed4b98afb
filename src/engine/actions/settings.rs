//! The `sim` settings: who acts, output style, retention, release phase,
//! injected failures and the random seed.

use crate::engine::error::EngineError;
use crate::engine::release::Style;
use crate::engine::retention::RetentionPolicy;
use crate::engine::rng::Rng;
use crate::engine::world::{Outcome, World};

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
        return Err(EngineError::BadEmail(email));
    }
    let text = format!("Acting as {email}");
    world.user = email;
    Ok(Outcome::SettingChanged(text))
}

pub fn set_style(world: &mut World, style: Style) -> Result<Outcome, EngineError> {
    world.style = style;
    let name = match style {
        Style::Modern => "modern (heroku CLI v11)",
        Style::Classic => "classic (Dev Center, 2010 CLI)",
    };
    Ok(Outcome::SettingChanged(format!("Output style: {name}")))
}

pub fn set_retention(world: &mut World, app: &str, policy: RetentionPolicy) -> Result<Outcome, EngineError> {
    let now = world.now();
    let target = world.app_mut(app)?;
    let expired = target.set_retention(policy, now);
    let mut text = format!("Retention policy for {app}: {} ({})", policy.name(), policy.summary());
    if !expired.is_empty() {
        text.push_str(&format!("\nExpired now: {}", versions_text(&expired)));
    }
    Ok(Outcome::SettingChanged(text))
}

/// `v1, v2, v5` or, for long runs, `v1-v40, v45`.
pub fn versions_text(versions: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < versions.len() {
        let start = versions[index];
        let mut end = start;
        while index + 1 < versions.len() && versions[index + 1] == end + 1 {
            index += 1;
            end = versions[index];
        }
        parts.push(if end >= start + 2 { format!("v{start}-v{end}") } else if end == start + 1 { format!("v{start}, v{end}") } else { format!("v{start}") });
        index += 1;
    }
    parts.join(", ")
}

pub fn set_release_phase(world: &mut World, app: &str, command: Option<String>) -> Result<Outcome, EngineError> {
    if command.as_deref().is_some_and(|c| c.trim().is_empty()) {
        return Err(EngineError::Invalid("The release command cannot be empty; use `sim release-phase off` to remove it.".to_string()));
    }
    let target = world.app_mut(app)?;
    let text = match &command {
        Some(command) => format!("{app} declares a release phase: release: {command}"),
        None => format!("{app} has no release phase"),
    };
    if command.is_none() {
        target.fail_next_release = false;
    }
    target.release_command = command;
    Ok(Outcome::SettingChanged(text))
}

pub fn fail_next_build(world: &mut World, app: &str) -> Result<Outcome, EngineError> {
    world.app_mut(app)?.fail_next_build = true;
    Ok(Outcome::SettingChanged(format!("The next build of {app} will fail")))
}

pub fn fail_next_release(world: &mut World, app: &str) -> Result<Outcome, EngineError> {
    let target = world.app_mut(app)?;
    if target.release_command.is_none() {
        return Err(EngineError::Invalid(format!(
            "{app} has no release phase to fail; declare one first with sim release-phase \"COMMAND\"."
        )));
    }
    target.fail_next_release = true;
    Ok(Outcome::SettingChanged(format!("The next release command of {app} will fail")))
}

pub fn seed(world: &mut World, seed: u64) -> Result<Outcome, EngineError> {
    world.rng = Rng::seeded(seed);
    Ok(Outcome::SettingChanged(format!("Random seed: {seed}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_version_ranges() {
        assert!(is_email("jim@example.com"));
        assert!(!is_email("jim"));
        assert!(!is_email("jim@localhost"));
        assert!(!is_email("a b@example.com"));
        assert_eq!(versions_text(&[1, 2, 3, 5, 7, 8]), "v1-v3, v5, v7, v8");
    }
}
