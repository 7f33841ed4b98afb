//! `heroku addons:detach ATTACHMENT`

use crate::engine::error::EngineError;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, attachment: &str) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let (addon, attachment) = world
        .addons
        .iter()
        .find_map(|a| a.attachments_on(app_name).find(|att| att.name.eq_ignore_ascii_case(attachment)).map(|att| (a, att)))
        .ok_or(EngineError::AttachmentNotFound)?;
    if addon.app == app_name && addon.attachments_on(app_name).count() == 1 {
        return Err(EngineError::LastAttachment { attachment: attachment.name.clone(), addon: addon.name.clone(), app: app_name.to_string() });
    }
    let (addon, attachment) = (addon.clone(), attachment.clone());
    world.addon_mut(&addon.name)?.attachments.retain(|att| *att != attachment);
    let version = super::detach_release(world, &addon, &attachment, world.user.clone())?;
    Ok(Outcome::AddonDetached { app: app_name.to_string(), addon: addon.name, attachment: attachment.name, version })
}
