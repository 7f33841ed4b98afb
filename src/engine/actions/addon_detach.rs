//! `heroku addons:detach ATTACHMENT`

use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, attachment: &str) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let addon = world
        .addons
        .iter()
        .find(|a| a.attachments_on(app_name).any(|att| att.name.eq_ignore_ascii_case(attachment)))
        .ok_or(EngineError::AttachmentNotFound)?;
    let name = addon
        .attachments_on(app_name)
        .find(|att| att.name.eq_ignore_ascii_case(attachment))
        .map(|att| att.name.clone())
        .ok_or(EngineError::AttachmentNotFound)?;
    if addon.app == app_name && addon.attachments_on(app_name).count() == 1 {
        return Err(EngineError::LastAttachment { attachment: name, addon: addon.name.clone(), app: app_name.to_string() });
    }
    let patch: ConfigPatch = addon.vars_for(&name).into_iter().map(|(k, _)| (k, None)).collect();
    let addon_name = addon.name.clone();
    world.addon_mut(&addon_name)?.attachments.retain(|att| !(att.app == app_name && att.name == name));
    let user = world.user.clone();
    let change = Change::Detach { attachment: name.clone(), addon: addon_name.clone() };
    let version = super::release_config_change(world, app_name, change, &patch, user, true)?;
    Ok(Outcome::AddonDetached { app: app_name.to_string(), addon: addon_name, attachment: name, version })
}
