//! `heroku addons:upgrade ADDON PLAN`: a plan change is a release on every app it is attached to.

use crate::engine::addons::AddonState;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app_name: &str, addon_name: &str, plan: &str) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let addon = super::find_addon(world, app_name, addon_name)?;
    if addon.attachments_on(app_name).next().is_none() && addon.app != app_name {
        return Err(EngineError::AddonOnOtherApp { addon: addon.name.clone(), owner: addon.app.clone(), app: app_name.to_string() });
    }
    if addon.state == AddonState::Provisioning {
        return Err(EngineError::AddonProvisioning { addon: addon.name.clone() });
    }
    let service = addon.service();
    let plan_name = match plan.split_once(':') {
        Some((given_service, plan_name)) if given_service == service.name => plan_name,
        Some((given_service, _)) => {
            return Err(EngineError::PlanOfOtherService {
                addon: addon.name.clone(),
                service: service.name.to_string(),
                given: given_service.to_string(),
            })
        }
        None => plan,
    };
    let new_plan = service.plan(plan_name).ok_or_else(|| EngineError::UnknownPlan {
        service: service.name.to_string(),
        plan: plan_name.to_string(),
        available: service.plan_names(),
    })?;
    if new_plan.name == addon.plan {
        return Err(EngineError::SamePlan { addon: addon.name.clone(), plan: addon.plan_name() });
    }
    let from = addon.plan_name();
    let name = addon.name.clone();
    let mut apps: Vec<String> = Vec::new();
    for attachment in &addon.attachments {
        if !apps.contains(&attachment.app) {
            apps.push(attachment.app.clone());
        }
    }
    world.addon_mut(&name)?.plan = new_plan.name.to_string();
    let to = world.addon(&name)?.plan_name();
    let user = world.user.clone();
    let mut releases = Vec::new();
    for app in apps {
        let change = Change::PlanChange { addon: name.clone(), plan: to.clone() };
        if let Ok(version) = super::release_config_change(world, &app, change, &Vec::new(), user.clone(), false) {
            releases.push((app, version));
        }
    }
    Ok(Outcome::AddonUpgraded { app: app_name.to_string(), addon: name, from, to, cents: new_plan.cents, releases })
}
