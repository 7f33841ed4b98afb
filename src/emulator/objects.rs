//! The Platform API's objects for the world's apps, releases, config and
//! add-ons. Where `--json` prints the same object, this starts from the
//! CLI's own shape (`cli::api`) and adds the fields only the API has, so
//! the two cannot drift apart and the wasm carries none of the extras.

use crate::cli::api::{AddonJson, AppJson, ReleaseJson};
use crate::cli::cmd::apps::{repo_size, slug_size};
use crate::engine::addons::{Addon, AddonState, Attachment};
use crate::engine::app::App;
use crate::engine::config::ConfigVars;
use crate::engine::release::Release;
use crate::engine::rng::uuid_from_name;
use crate::engine::World;
use serde_json::{json, Map, Value};

fn object(value: impl serde::Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn named(kind: &str, name: &str) -> Value {
    json!({ "id": uuid_from_name(&format!("{kind}:{name}")), "name": name })
}

pub fn account(world: &World) -> Value {
    json!({
        "email": world.user,
        "id": uuid_from_name(&world.user),
        "name": Value::Null,
        "verified": true,
        "two_factor_authentication": false,
        "default_organization": Value::Null,
        "default_team": Value::Null,
    })
}

pub fn app(app: &App) -> Value {
    let mut map = object(AppJson::new(app));
    let released_at = app.current_release().map(|r| r.created_at).unwrap_or(app.created_at);
    let updated_at = app.latest().map(|r| r.updated_at).unwrap_or(app.created_at);
    let extra = json!({
        "acm": false,
        "archived_at": Value::Null,
        "buildpack_provided_description": if app.repo.remote_head.is_some() { json!("Node.js") } else { Value::Null },
        "build_stack": named("stack", "heroku-24"),
        "internal_routing": Value::Null,
        "maintenance": false,
        "organization": Value::Null,
        "released_at": released_at.rfc3339_utc(),
        "repo_size": repo_size(app),
        "slug_size": slug_size(app),
        "space": Value::Null,
        "team": Value::Null,
        "updated_at": updated_at.rfc3339_utc(),
    });
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    map.insert("owner".to_string(), json!({ "email": app.owner, "id": uuid_from_name(&app.owner) }));
    map.insert("region".to_string(), named("region", "us"));
    map.insert("stack".to_string(), named("stack", "heroku-24"));
    map.insert("generation".to_string(), named("generation", app.generation.name()));
    Value::Object(map)
}

pub fn release(world: &World, app: &App, release: &Release, base_url: &str) -> Value {
    let mut map = object(ReleaseJson::new(world, app, release));
    if release.release_phase.is_some() {
        map.insert("output_stream_url".to_string(), json!(format!("{base_url}/release-lab/streams/{}", release.id)));
    }
    Value::Object(map)
}

pub fn config(vars: &ConfigVars) -> Value {
    Value::Object(vars.iter().map(|(k, v)| (k.to_string(), json!(v.as_ref()))).collect())
}

pub fn attachment_id(addon: &Addon, attachment: &Attachment) -> String {
    uuid_from_name(&format!("attachment:{}:{}:{}", addon.id, attachment.app, attachment.name))
}

/// An attachment with its add-on and app, as `/addon-attachments` gives it.
pub fn attachment(world: &World, addon: &Addon, attachment: &Attachment) -> Value {
    let app_id = world.app(&attachment.app).map(|a| a.id.clone()).unwrap_or_default();
    let owner_id = world.app(&addon.app).map(|a| a.id.clone()).unwrap_or_default();
    let config_vars = attachment.var_names(addon.service());
    json!({
        "addon": {
            "id": addon.id,
            "name": addon.name,
            "app": { "id": owner_id, "name": addon.app },
            "plan": { "id": uuid_from_name(&addon.plan_name()), "name": addon.plan_name() },
        },
        "app": { "id": app_id, "name": attachment.app },
        "config_vars": config_vars,
        "id": attachment_id(addon, attachment),
        "name": attachment.name,
        "namespace": Value::Null,
        "web_url": format!("https://addons-sso.heroku.com/apps/{app_id}/addons/{}", addon.id),
        "log_input_url": Value::Null,
    })
}

pub fn addon(world: &World, addon: &Addon) -> Value {
    let mut map = object(AddonJson::new(addon));
    let attachments: Vec<Value> = addon.attachments.iter().map(|t| attachment(world, addon, t)).collect();
    let config_vars: Vec<String> = addon.attachments.first().map(|t| t.var_names(addon.service())).unwrap_or_default();
    let app_id = world.app(&addon.app).map(|a| a.id.clone()).unwrap_or_default();
    let extra = json!({
        "actions": [],
        "addon_service": named("service", &addon.service),
        "app": { "id": app_id, "name": addon.app },
        "attachments": attachments,
        "billed_price": { "cents": addon.cents(), "contract": false, "unit": "month" },
        "config_vars": config_vars,
        "plan": { "id": uuid_from_name(&addon.plan_name()), "name": addon.plan_name(), "price": { "cents": addon.cents(), "unit": "month" } },
        "provider_id": addon.id,
        "web_url": format!("https://addons-sso.heroku.com/apps/{app_id}/addons/{}", addon.id),
    });
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    map.insert(
        "state".to_string(),
        json!(match addon.state {
            AddonState::Provisioning => "provisioning",
            AddonState::Provisioned => "provisioned",
        }),
    );
    Value::Object(map)
}
