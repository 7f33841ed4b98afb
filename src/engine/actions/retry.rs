//! `heroku releases:retry`: copy the latest release and run its release command again.

use crate::engine::app::NewRelease;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    let latest = app.latest().ok_or_else(|| EngineError::NoReleases { app: app.name.clone() })?;
    if app.release_command.is_none() {
        return Err(EngineError::NoReleasePhase);
    }
    let of = latest.version;
    let new = NewRelease {
        change: Change::Retry { of, original: Box::new(latest.change.clone()) },
        user: world.user.clone(),
        artifact: latest.artifact,
        config: latest.config,
        addon_plan_names: world.plan_names_for(app),
        runs_release_phase: true,
    };
    let version = super::append_release(world, app_name, new)?;
    let waited = super::wait_for_release_phase(world, app_name, version);
    Ok(Outcome::Retried { app: app_name.to_string(), of, version, waited })
}
