//! `heroku config:unset KEY...`

use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, keys: Vec<String>) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    if keys.is_empty() {
        return Err(EngineError::NoConfigKeys);
    }
    let mut unique: Vec<String> = Vec::new();
    for key in keys {
        if !unique.contains(&key) {
            unique.push(key);
        }
    }
    super::check_not_attachment_vars(world, app_name, &unique)?;
    let patch: ConfigPatch = unique.iter().map(|k| (k.clone(), None)).collect();
    if app.config.is_noop(app.head_config(), &patch) {
        return Ok(Outcome::ConfigUnset { app: app_name.to_string(), keys: unique, version: None });
    }
    let user = world.user.clone();
    let change = Change::ConfigRemove { keys: unique.clone() };
    let version = super::release_config_change(world, app_name, change, &patch, user, true)?;
    Ok(Outcome::ConfigUnset { app: app_name.to_string(), keys: unique, version: Some(version) })
}
