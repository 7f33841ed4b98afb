//! `heroku apps:destroy APP --confirm APP`: the app, its releases and the
//! add-ons it owns go; other apps lose their attachments to those add-ons.

use crate::engine::error::EngineError;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, confirm: Option<String>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    super::check_confirmation(app_name, confirm)?;
    let owned: Vec<_> = world.addons.iter().filter(|a| a.app == app_name).cloned().collect();
    world.addons.retain(|a| a.app != app_name);
    world.apps.retain(|a| a.name != app_name);
    for pipeline in &mut world.pipelines {
        pipeline.couplings.retain(|c| c.app != app_name);
    }
    // Attachments of other add-ons on this app simply vanish with it.
    for addon in &mut world.addons {
        addon.attachments.retain(|att| att.app != app_name);
    }
    let user = world.user.clone();
    let mut releases = Vec::new();
    for addon in owned {
        for attachment in addon.attachments.iter().filter(|att| att.app != app_name) {
            if let Ok(version) = super::detach_release(world, &addon, attachment, user.clone()) {
                releases.push((attachment.app.clone(), version));
            }
        }
    }
    Ok(Outcome::AppDestroyed { app: app_name.to_string(), releases })
}
