//! `sim addon-update ADDON`: the provider changes its own vars (e.g. rotates
//! credentials). Heroku records it as `Update DATABASE by heroku-postgresql`,
//! made by `heroku-postgresql@addons.heroku.com`, without a release phase.

use crate::engine::addons::AddonState;
use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, addon_name: &str) -> Result<Outcome, EngineError> {
    let addon = world.addon(addon_name)?;
    if addon.state == AddonState::Provisioning {
        return Err(EngineError::AddonProvisioning { addon: addon.name.clone() });
    }
    let service = addon.service();
    if service.var_suffixes.is_empty() {
        return Err(EngineError::AddonHasNoVars { addon: addon.name.clone() });
    }
    let name = addon.name.clone();
    let credentials: Vec<String> = service.var_suffixes.iter().map(|s| service.credential(s, &mut world.rng)).collect();
    let addon = world.addon_mut(&name)?;
    addon.credentials = credentials;
    let addon = addon.clone();
    let mut apps: Vec<String> = Vec::new();
    for attachment in &addon.attachments {
        if !apps.contains(&attachment.app) {
            apps.push(attachment.app.clone());
        }
    }
    let user = format!("{}@addons.heroku.com", addon.service);
    let mut releases = Vec::new();
    for app in apps {
        let attachments: Vec<String> = addon.attachments_on(&app).map(|a| a.name.clone()).collect();
        let patch: ConfigPatch =
            attachments.iter().flat_map(|a| addon.vars_for(a)).map(|(k, v)| (k, Some(v))).collect();
        let change = Change::AddonUpdate { attachments, service: addon.service.clone() };
        if let Ok(version) = super::release_config_change(world, &app, change, &patch, user.clone(), false) {
            releases.push((app, version));
        }
    }
    Ok(Outcome::AddonRotated { addon: name, releases })
}
