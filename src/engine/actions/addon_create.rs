//! `heroku addons:create SERVICE:PLAN [--as NAME] [--wait]`
//!
//! Synchronous services attach with their vars in one release. Background
//! ones (Postgres) attach first, then a second release sets the vars when
//! provisioning completes: `@ref:… completed provisioning, setting DATABASE_URL.`

use crate::engine::addons::{self, Addon, AddonState, Attachment};
use crate::engine::config::ConfigPatch;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::rng;
use crate::engine::world::{Outcome, World};

pub fn run(
    world: &mut World,
    app_name: &str,
    service_name: &str,
    plan_name: &str,
    requested: Option<String>,
    wait: bool,
    confirm: Option<String>,
) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    let service = addons::service(service_name).ok_or_else(|| {
        let available = addons::CATALOGUE.iter().map(|s| s.name.to_string()).collect();
        EngineError::UnknownService { service: service_name.to_string(), available }
    })?;
    let plan = service.plan(plan_name).ok_or_else(|| EngineError::UnknownPlan {
        service: service.name.to_string(),
        plan: plan_name.to_string(),
        available: service.plan_names(),
    })?;
    let attachment = super::choose_attachment_name(world, app, service, requested)?;
    super::check_overwrite(world, app, addons::var_names(&attachment, service), confirm)?;

    let name = loop {
        let candidate = rng::addon_name(&mut world.rng, service.resource_prefix);
        if world.addon(&candidate).is_err() {
            break candidate;
        }
    };
    let now = world.now();
    let background = service.in_background(world.schema_version);
    let credentials = service.var_suffixes.iter().map(|s| service.credential(s, &mut world.rng)).collect();
    let addon = Addon {
        id: world.rng.uuid(),
        name: name.clone(),
        service: service.name.to_string(),
        plan: plan.name.to_string(),
        app: app_name.to_string(),
        state: if background { AddonState::Provisioning } else { AddonState::Provisioned },
        attachments: vec![Attachment { app: app_name.to_string(), name: attachment.clone() }],
        credentials,
        created_by: world.user.clone(),
        ready_at: background.then(|| now.plus(service.provision_secs)),
    };
    let patch: ConfigPatch = if background {
        Vec::new()
    } else {
        addon.vars_for(&attachment).into_iter().map(|(k, v)| (k, Some(v))).collect()
    };
    world.addons.push(addon);
    let user = world.user.clone();
    let change = Change::Attach { attachment, addon: name.clone() };
    let version = super::release_config_change(world, app_name, change, &patch, user, true)?;
    let ready_at = world.addon(&name).ok().and_then(|a| a.ready_at);
    let waited = match ready_at {
        Some(at) if wait => world.advance_to(at),
        _ => Vec::new(),
    };
    Ok(Outcome::AddonCreated { app: app_name.to_string(), addon: name, version, waited })
}

/// Background provisioning is done: set the vars on the billing app.
/// Returns the app and the release made, if the add-on still exists.
pub(crate) fn finish_provisioning(world: &mut World, addon_name: &str) -> Option<(String, u32)> {
    let addon = world.addon_mut(addon_name).ok()?;
    addon.state = AddonState::Provisioned;
    addon.ready_at = None;
    let addon = addon.clone();
    let mut patch: ConfigPatch = Vec::new();
    for attachment in addon.attachments_on(&addon.app) {
        patch.extend(addon.vars_for(&attachment.name).into_iter().map(|(k, v)| (k, Some(v))));
    }
    let vars = patch.iter().map(|(k, _)| k.clone()).collect();
    let change = Change::Provisioned { addon: addon.name.clone(), vars };
    let version = super::release_config_change(world, &addon.app, change, &patch, addon.created_by.clone(), false).ok()?;
    Some((addon.app, version))
}
