//! `heroku addons:attach ADDON [--as NAME]`, to the add-on's own app or another.

use crate::engine::addons::{AddonState, Attachment};
use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, addon_name: &str, requested: Option<String>, confirm: Option<String>) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    let addon = world.addon(addon_name)?;
    if addon.state == AddonState::Provisioning {
        return Err(EngineError::AddonProvisioning { addon: addon.name.clone() });
    }
    let attachment = super::choose_attachment_name(world, app, addon.service(), requested)?;
    super::check_overwrite(world, app, crate::engine::addons::var_names(&attachment, addon.service()), confirm)?;
    let patch: ConfigPatch = addon.vars_for(&attachment).into_iter().map(|(k, v)| (k, Some(v))).collect();
    let addon_name = addon.name.clone();
    world.addon_mut(&addon_name)?.attachments.push(Attachment { app: app_name.to_string(), name: attachment.clone() });
    let user = world.user.clone();
    let change = Change::Attach { attachment: attachment.clone(), addon: addon_name.clone() };
    let version = super::release_config_change(world, app_name, change, &patch, user, true)?;
    Ok(Outcome::AddonAttached { app: app_name.to_string(), addon: addon_name, attachment, version })
}
