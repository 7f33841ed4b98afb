//! `heroku config:set KEY=VALUE...`: one release for the whole batch.

use crate::engine::config::{check_key, ConfigPatch, CONFIG_LIMIT_BYTES};
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, vars: Vec<(String, String)>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    if vars.is_empty() {
        return Err(EngineError::NoConfigVars);
    }
    patch(world, app_name, vars.into_iter().map(|(key, value)| (key, Some(value))).collect())
}

/// Sets (`Some`) and unsets (`None`) in one release, as one Platform API
/// PATCH does (`heroku config:patch`, the emulator's mixed PATCH).
pub fn patch(world: &mut World, app_name: &str, changes: ConfigPatch) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    if changes.is_empty() {
        return Err(EngineError::NoConfigVars);
    }
    for (key, value) in &changes {
        if value.is_some() {
            check_key(key, world.schema_version).map_err(|problem| EngineError::InvalidConfigKey { key: key.clone(), problem })?;
        }
    }
    // A key given twice keeps its first position and its last value.
    let mut patch: ConfigPatch = Vec::new();
    for (key, value) in changes {
        match patch.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => patch.push((key, value)),
        }
    }
    let every: Vec<String> = patch.iter().map(|(k, _)| k.clone()).collect();
    super::check_not_attachment_vars(world, app_name, &every)?;
    let keys: Vec<String> = patch.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| k.clone()).collect();
    let removed: Vec<String> = patch.iter().filter(|(_, v)| v.is_none()).map(|(k, _)| k.clone()).collect();
    let bytes = app.config.bytes_after(app.head_config(), &patch);
    if bytes > CONFIG_LIMIT_BYTES {
        return Err(EngineError::ConfigTooLarge { bytes, limit: CONFIG_LIMIT_BYTES });
    }
    if app.config.is_noop(app.head_config(), &patch) {
        return Ok(Outcome::ConfigSet { app: app_name.to_string(), keys, version: None });
    }
    let user = world.user.clone();
    let change = match (keys.is_empty(), removed.is_empty()) {
        (_, true) => Change::ConfigSet { keys: keys.clone() },
        (true, false) => Change::ConfigRemove { keys: removed },
        (false, false) => Change::ConfigPatch { set: keys.clone(), removed },
    };
    let version = super::release_config_change(world, app_name, change, &patch, user, true)?;
    Ok(Outcome::ConfigSet { app: app_name.to_string(), keys, version: Some(version) })
}
