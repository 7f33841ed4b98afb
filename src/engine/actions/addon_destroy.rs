//! `heroku addons:destroy ADDON --confirm APP`: every attachment goes, each with a Detach release.

use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, addon_name: &str, confirm: Option<String>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let addon = super::find_addon(world, app_name, addon_name)?;
    if addon.app != app_name {
        return Err(EngineError::AddonOnOtherApp { addon: addon.name.clone(), owner: addon.app.clone(), app: app_name.to_string() });
    }
    match confirm {
        None => return Err(EngineError::ConfirmationRequired { app: app_name.to_string() }),
        Some(given) if given != app_name => return Err(EngineError::ConfirmationMismatch { given, app: app_name.to_string() }),
        Some(_) => {}
    }
    let addon = addon.clone();
    world.addons.retain(|a| a.name != addon.name);
    let user = world.user.clone();
    let mut releases = Vec::new();
    for attachment in &addon.attachments {
        let patch: ConfigPatch = addon.vars_for(&attachment.name).into_iter().map(|(k, _)| (k, None)).collect();
        let change = Change::Detach { attachment: attachment.name.clone(), addon: addon.name.clone() };
        if let Ok(version) = super::release_config_change(world, &attachment.app, change, &patch, user.clone(), true) {
            releases.push((attachment.app.clone(), version));
        }
    }
    Ok(Outcome::AddonDestroyed { app: app_name.to_string(), addon: addon.name, releases })
}
