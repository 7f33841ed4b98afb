//! `heroku addons:destroy ADDON --confirm APP`: every attachment goes, each with a Detach release.

use crate::engine::error::EngineError;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, addon_name: &str, confirm: Option<String>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let addon = super::find_addon(world, app_name, addon_name)?;
    if addon.app != app_name {
        return Err(EngineError::AddonOnOtherApp { addon: addon.name.clone(), owner: addon.app.clone(), app: app_name.to_string() });
    }
    super::check_confirmation(app_name, confirm)?;
    let addon = addon.clone();
    world.addons.retain(|a| a.name != addon.name);
    let user = world.user.clone();
    let mut releases = Vec::new();
    for attachment in &addon.attachments {
        if let Ok(version) = super::detach_release(world, &addon, attachment, user.clone()) {
            releases.push((attachment.app.clone(), version));
        }
    }
    Ok(Outcome::AddonDestroyed { app: app_name.to_string(), addon: addon.name, releases })
}
