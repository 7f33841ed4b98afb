//! `heroku rollback [vN]`: a new release copying the target's artifact and
//! whole config snapshot. Add-ons stay as they are.

use crate::engine::app::NewRelease;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{schema, Outcome, World};

pub fn run(world: &mut World, app_name: &str, target: Option<u32>) -> Result<Outcome, EngineError> {
    let preview = world.rollback_preview(app_name, target)?;
    let app = world.app(app_name)?;
    let target = app.release(preview.target).ok_or(EngineError::ReleaseNotFound)?;
    let new = NewRelease {
        change: Change::Rollback { target: target.version },
        user: world.user.clone(),
        artifact: target.artifact,
        // The very same snapshot: a rollback shares its target's config.
        config: target.config,
        addon_plan_names: world.plan_names_for(app),
        runs_release_phase: true,
    };
    if world.follows(schema::CODE_AND_CALENDAR) {
        // The release command is the target's code's, and it runs.
        let app = world.app_mut(app_name)?;
        let command = new.artifact.and_then(|id| app.artifact(id).release_command.clone());
        app.declare_release_command(command);
    }
    let version = super::append_release(world, app_name, new)?;
    let waited = super::wait_for_release_phase(world, app_name, version);
    Ok(Outcome::RolledBack { app: app_name.to_string(), target: preview.target, version, preview: Box::new(preview), waited })
}
