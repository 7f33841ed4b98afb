//! `heroku apps:destroy APP --confirm APP`: the app, its releases and the
//! add-ons it owns go; other apps lose their attachments to those add-ons.

use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, confirm: Option<String>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    match confirm {
        None => return Err(EngineError::ConfirmationRequired { app: app_name.to_string() }),
        Some(given) if given != app_name => return Err(EngineError::ConfirmationMismatch { given, app: app_name.to_string() }),
        Some(_) => {}
    }
    let owned: Vec<_> = world.addons.iter().filter(|a| a.app == app_name).cloned().collect();
    world.addons.retain(|a| a.app != app_name);
    world.apps.retain(|a| a.name != app_name);
    // Attachments of other add-ons on this app simply vanish with it.
    for addon in &mut world.addons {
        addon.attachments.retain(|att| att.app != app_name);
    }
    let user = world.user.clone();
    let mut releases = Vec::new();
    for addon in owned {
        for attachment in addon.attachments.iter().filter(|att| att.app != app_name) {
            let patch: ConfigPatch = addon.vars_for(&attachment.name).into_iter().map(|(k, _)| (k, None)).collect();
            let change = Change::Detach { attachment: attachment.name.clone(), addon: addon.name.clone() };
            if let Ok(version) = super::release_config_change(world, &attachment.app, change, &patch, user.clone(), true) {
                releases.push((attachment.app.clone(), version));
            }
        }
    }
    Ok(Outcome::AppDestroyed { app: app_name.to_string(), releases })
}
