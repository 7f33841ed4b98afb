//! The Platform API's objects, built from the world as `Json` values with
//! Heroku's field order: what `--json` prints, and what `release-lab api`
//! serves, so the two cannot drift apart.

use super::json::{object, Json};
use crate::cli::cmd::apps::{repo_size, slug_size};
use crate::engine::addons::{Addon, AddonState, Attachment};
use crate::engine::app::{App, Generation};
use crate::engine::release::Release;
use crate::engine::rng::uuid_from_name;
use crate::engine::World;

fn id_ref(id: &str) -> Json {
    object([("id", id.into())])
}

fn app_ref(id: &str, name: &str) -> Json {
    object([("id", id.into()), ("name", name.into())])
}

fn user_ref(email: &str) -> Json {
    object([("email", email.into()), ("id", uuid_from_name(email).into())])
}

/// The id of a thing Heroku names (region, stack, generation, plan,
/// service): derived from the name, so it is stable.
fn name_id(kind: &str, name: &str) -> String {
    uuid_from_name(&format!("{kind}:{name}"))
}

/// `{"id", "name"}` for a thing Heroku names.
fn named(kind: &str, name: &str) -> Json {
    app_ref(&name_id(kind, name), name)
}

/// An app by name, with its id when it exists.
fn app_named(world: &World, name: &str) -> Json {
    app_ref(world.app(name).map_or("", |a| a.id.as_str()), name)
}

pub fn release(world: &World, app: &App, release: &Release) -> Json {
    let artifact = release.artifact.map(|id| app.artifact(id));
    let reference = || artifact.map_or(Json::Null, |a| id_ref(&a.id));
    let fir = app.generation == Generation::Fir;
    let mut fields = vec![
        ("addon_plan_names", release.addon_plan_names.to_vec().into()),
        ("app", app_ref(&app.id, &app.name)),
        ("artifacts", Json::List(artifact.map(|a| object([("type", a.kind.api_type().into()), ("id", a.id.as_str().into())])).into_iter().collect())),
        ("created_at", release.created_at.rfc3339_utc().into()),
        ("description", release.change.description(world.style).into()),
        ("status", release.status.as_str().into()),
        ("id", release.id.as_str().into()),
        ("slug", if fir { Json::Null } else { reference() }),
        ("updated_at", release.updated_at.rfc3339_utc().into()),
        ("user", user_ref(&release.user)),
        ("version", release.version.into()),
        ("current", (app.current == Some(release.version)).into()),
        ("output_stream_url", release.release_phase.as_ref().map(|_| format!("https://release-output.heroku.com/streams/{}", release.id)).into()),
        ("eligible_for_rollback", release.eligible_for_rollback().into()),
    ];
    // Fir apps only (`lib/types/fir.d.ts`).
    if fir {
        fields.push(("oci_image", reference()));
    }
    Json::Object(fields)
}

/// The app, as `apps --json` prints it (`apps:info` reads `repo_size` and `slug_size`).
pub fn app(app: &App) -> Json {
    let released_at = app.current_release().map_or(app.created_at, |r| r.created_at);
    object([
        ("acm", false.into()),
        ("archived_at", Json::Null),
        ("buildpack_provided_description", app.repo.remote_head.map(|_| "Node.js").into()),
        ("build_stack", named("stack", "heroku-24")),
        ("created_at", app.created_at.rfc3339_utc().into()),
        ("generation", named("generation", app.generation.name())),
        ("git_url", app.git_url().into()),
        ("id", app.id.as_str().into()),
        ("internal_routing", Json::Null),
        ("maintenance", false.into()),
        ("name", app.name.as_str().into()),
        ("owner", user_ref(&app.owner)),
        ("organization", Json::Null),
        ("team", Json::Null),
        ("region", named("region", "us")),
        ("released_at", released_at.rfc3339_utc().into()),
        ("repo_size", repo_size(app).into()),
        ("slug_size", slug_size(app).into()),
        ("space", Json::Null),
        ("stack", named("stack", "heroku-24")),
        ("updated_at", app.latest().map_or(app.created_at, |r| r.updated_at).rfc3339_utc().into()),
        ("web_url", app.web_url().into()),
    ])
}

fn price(cents: u32) -> Json {
    object([("cents", cents.into()), ("contract", false.into()), ("unit", "month".into())])
}

/// An attachment's stable id.
pub fn attachment_id(addon: &Addon, attachment: &Attachment) -> String {
    uuid_from_name(&format!("attachment:{}:{}:{}", addon.id, attachment.app, attachment.name))
}

/// An add-on attachment, with the add-on it belongs to.
pub fn attachment(world: &World, addon: &Addon, attachment: &Attachment) -> Json {
    object([
        (
            "addon",
            object([
                ("id", addon.id.as_str().into()),
                ("name", addon.name.as_str().into()),
                ("app", app_named(world, &addon.app)),
                ("plan", named("plan", &addon.plan_name())),
            ]),
        ),
        ("app", app_named(world, &attachment.app)),
        ("config_vars", attachment.var_names(addon.service()).into()),
        ("id", attachment_id(addon, attachment).into()),
        ("name", attachment.name.as_str().into()),
        ("namespace", Json::Null),
        ("log_input_url", Json::Null),
    ])
}

/// The add-on, as `addons --json` prints it: with its attachments and
/// `billed_price`, which the CLI's price columns read.
pub fn addon(world: &World, addon: &Addon) -> Json {
    let plan = addon.plan_name();
    object([
        ("actions", Json::List(Vec::new())),
        ("addon_service", named("service", &addon.service)),
        ("app", app_named(world, &addon.app)),
        ("attachments", Json::List(addon.attachments.iter().map(|t| attachment(world, addon, t)).collect())),
        ("billed_price", price(addon.cents())),
        ("config_vars", addon.attachments.first().map(|t| t.var_names(addon.service())).unwrap_or_default().into()),
        ("id", addon.id.as_str().into()),
        ("name", addon.name.as_str().into()),
        ("plan", object([("id", name_id("plan", &plan).into()), ("name", plan.into()), ("price", price(addon.cents()))])),
        ("provider_id", addon.id.as_str().into()),
        (
            "state",
            match addon.state {
                AddonState::Provisioning => "provisioning",
                AddonState::Provisioned => "provisioned",
            }
            .into(),
        ),
    ])
}

/// The add-ons an app owns or has attached, in the world's order (what
/// `GET /apps/{app}/addons` answers).
pub fn app_addons<'a>(world: &'a World, app: &'a str) -> impl Iterator<Item = &'a Addon> + 'a {
    world.addons.iter().filter(move |a| a.app == app || a.attachments_on(app).next().is_some())
}

/// The app's collaborators: Release Lab's apps have only their owner.
pub fn collaborators(app: &App) -> Json {
    Json::List(vec![object([("app", app_ref(&app.id, &app.name)), ("role", "owner".into()), ("user", user_ref(&app.owner))])])
}

/// The app's dynos: one `web.1` once it is deployed.
pub fn dynos(app: &App) -> Json {
    let web = || {
        object([
            ("command", "npm start".into()),
            ("name", "web.1".into()),
            ("size", "Basic".into()),
            ("state", "up".into()),
            ("type", "web".into()),
        ])
    };
    Json::List(app.repo.remote_head.map(|_| web()).into_iter().collect())
}

/// `apps:info --json`: what the CLI gathers from five requests.
pub fn app_info(world: &World, app: &App) -> Json {
    object([
        ("addons", Json::List(app_addons(world, &app.name).map(|a| addon(world, a)).collect())),
        ("app", self::app(app)),
        ("collaborators", collaborators(app)),
        ("dynos", dynos(app)),
        ("pipeline_coupling", Json::Null),
    ])
}

/// One `config:get --json` result.
pub fn config_value(key: &str, value: Option<&str>) -> Json {
    object([("key", key.into()), ("value", value.into())])
}
