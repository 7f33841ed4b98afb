//! Which request is which: the Platform API's paths, each answered from the
//! world (reads) or by the command line that makes the same change.

use super::{objects, pipelines, Emulator, Request, Response};
use crate::cli::cmd::config::RELEASE_COMMAND_EXECUTING;
use crate::engine::release::Status;
use crate::engine::addons::Addon;
use crate::engine::app::App;
use crate::engine::release::Release;
use crate::engine::{EngineError, World};
use crate::cli::api;
use crate::cli::json::{object, Json};
use serde_json::{json, Value};

pub fn route(em: &mut Emulator, request: &Request) -> Response {
    let segments: Vec<&str> = request.path.split('/').filter(|s| !s.is_empty()).collect();
    let method = request.method.as_str();
    let result = match (method, segments.as_slice()) {
        ("GET", ["account"]) => Ok(Response::ok(&objects::account(&em.world))),
        ("GET", ["apps"]) | ("GET", ["users", _, "apps"]) => Ok(list_apps(&em.world)),
        ("POST", ["apps"]) => create_app(em, request),
        ("GET", ["apps", app]) => find_app(&em.world, app).map(|app| Response::ok(&api::app(app))),
        ("DELETE", ["apps", app]) => destroy_app(em, app),
        ("GET", ["apps", app, "releases"]) => list_releases(em, app, request),
        ("POST", ["apps", app, "releases"]) => create_release(em, app, request),
        ("GET", ["apps", app, "releases", release]) => find_release(&em.world, app, release)
            .map(|(app, release)| Response::ok(&objects::release(&em.world, app, release, &em.base_url))),
        ("GET", ["apps", app, "releases", release, "config-vars"]) => release_config(&em.world, app, release),
        ("GET", ["apps", app, "config-vars"]) => find_app(&em.world, app).map(current_config),
        ("PATCH", ["apps", app, "config-vars"]) => patch_config(em, app, request),
        ("GET", ["apps", app, "addons"]) => list_addons(&em.world, Some(app)),
        ("GET", ["addons"]) => list_addons(&em.world, None),
        ("POST", ["apps", app, "addons"]) => create_addon(em, app, request),
        ("GET", ["apps", _, "addons", addon]) | ("GET", ["addons", addon]) => {
            find_addon(&em.world, addon).map(|addon| Response::ok(&api::addon(&em.world, addon)))
        }
        ("PATCH", ["apps", app, "addons", addon]) => upgrade_addon(em, app, addon, request),
        ("DELETE", ["apps", app, "addons", addon]) => destroy_addon(em, Some(app), addon),
        ("DELETE", ["addons", addon]) => destroy_addon(em, None, addon),
        ("GET", ["apps", app, "addon-attachments"]) => list_attachments(&em.world, Some(app)),
        ("GET", ["addon-attachments"]) => list_attachments(&em.world, None),
        ("GET", ["addons", addon, "addon-attachments"]) => addon_attachments(&em.world, addon),
        ("POST", ["actions", "addons", "resolve"]) => resolve_addon(&em.world, request),
        ("GET", ["apps", app, "addon-attachments", attachment]) => find_attachment(&em.world, app, attachment),
        ("POST", ["addon-attachments"]) => attach(em, request),
        ("DELETE", ["addon-attachments", attachment]) => detach(em, attachment),
        ("GET", ["apps", app, "dynos"]) => find_app(&em.world, app).map(|app| Response::ok(&api::dynos(app))),
        ("GET", ["apps", app, "formation"]) => find_app(&em.world, app).map(formation),
        ("GET", ["apps", app, "collaborators"]) => find_app(&em.world, app).map(|app| Response::ok(&api::collaborators(app))),
        ("GET", ["apps", app, "pipeline-couplings"]) => pipelines::app_coupling(&em.world, app),
        ("GET", ["users", _]) => Ok(Response::ok(&objects::account(&em.world))),
        ("POST", ["pipelines"]) => pipelines::create(em, request),
        ("GET", ["pipelines"]) => pipelines::list(em, request),
        ("GET", ["pipelines", pipeline]) => pipelines::show(em, pipeline),
        ("GET", ["pipelines", pipeline, "pipeline-couplings"]) => pipelines::couplings(em, pipeline),
        ("POST", ["pipeline-couplings"]) => pipelines::couple(em, request),
        ("POST", ["filters", "apps"]) => pipelines::filter_apps(&em.world, request),
        ("POST", ["pipeline-promotions"]) => pipelines::promote(em, request),
        ("GET", ["pipeline-promotions", id, "promotion-targets"]) => pipelines::promotion_targets(em, id),
        ("GET", ["release-lab", "streams", id]) => release_stream(&em.world, id),
        ("GET", ["release-lab", "clock"]) => Ok(Response::text(200, em.world.now().rfc3339_utc())),
        ("POST", ["release-lab", "run"]) => Ok(run_line(em, request)),
        _ => Err(Response::not_found(&format!("Release Lab does not emulate {method} {}.", request.path))),
    };
    result.unwrap_or_else(|error| error)
}

pub(super) type Answer = Result<Response, Response>;

/// The CLI's words for an engine refusal, as the API's 404 message.
fn missing(error: EngineError) -> Response {
    Response::not_found(&crate::cli::errors::message(&error))
}

/// An app named by name or id.
pub(super) fn find_app<'w>(world: &'w World, name_or_id: &str) -> Result<&'w App, Response> {
    world.apps.iter().find(|a| a.name == name_or_id || a.id == name_or_id).ok_or_else(|| missing(EngineError::AppNotFound))
}

/// An app's name, for a change (which needs the world, so no reference to it).
pub(super) fn app_name(world: &World, name_or_id: &str) -> Result<String, Response> {
    find_app(world, name_or_id).map(|app| app.name.clone())
}

pub(super) fn body(request: &Request) -> Result<Value, Response> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(&request.body).map_err(|e| Response::error(400, "bad_request", &format!("Request body is not JSON: {e}")))
}

pub(super) fn text_field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str)
}

fn list_apps(world: &World) -> Response {
    let mut apps: Vec<&crate::engine::app::App> = world.apps.iter().collect();
    apps.sort_by(|a, b| a.name.cmp(&b.name));
    Response::ok(&Json::List(apps.into_iter().map(api::app).collect()))
}

fn create_app(em: &mut Emulator, request: &Request) -> Answer {
    let body = body(request)?;
    // Request data goes after `--`: a name is never read as a flag.
    let mut words = vec!["heroku", "create"];
    if let Some(name) = text_field(&body, "name") {
        words.extend(["--", name]);
    }
    let output = em.change(&words)?;
    let created = find_app(&em.world, output.effect.app.as_deref().unwrap_or_default())?;
    Ok(Response::json(201, &api::app(created)))
}

fn destroy_app(em: &mut Emulator, app: &str) -> Answer {
    let app = find_app(&em.world, app)?;
    let (name, object) = (app.name.clone(), api::app(app));
    em.change(&["heroku", "apps:destroy", "-a", &name, "--confirm", &name])?;
    Ok(Response::ok(&object))
}

/// `Range: version ..; max=N, order=desc`: the releases sorted by version,
/// in that order, at most `max` (200 without one).
fn list_releases(em: &Emulator, app: &str, request: &Request) -> Answer {
    let app = find_app(&em.world, app)?;
    let range = Range::parse(request.header("range"));
    let mut releases: Vec<&crate::engine::release::Release> = app.releases.iter().collect();
    if range.descending {
        releases.reverse();
    }
    let items: Vec<Json> =
        releases.iter().take(range.max).map(|r| objects::release(&em.world, app, r, &em.base_url)).collect();
    let status = if releases.len() > range.max { 206 } else { 200 };
    Ok(Response::json(status, &Json::List(items)))
}

struct Range {
    max: usize,
    descending: bool,
}

impl Range {
    fn parse(header: Option<&str>) -> Range {
        let mut range = Range { max: 200, descending: false };
        let Some(text) = header else { return range };
        // "version ..; max=15, order=desc" or "version ..; order=desc,max=1"
        let options = text.split_once(';').map(|(_, o)| o).unwrap_or("");
        for option in options.split(',') {
            match option.trim().split_once('=') {
                Some(("max", n)) => range.max = n.trim().parse().unwrap_or(200).clamp(1, 1000),
                Some(("order", order)) => range.descending = order.trim() == "desc",
                _ => {}
            }
        }
        range
    }
}

/// A release of an app, by version number or id.
fn find_release<'w>(world: &'w World, app: &str, release: &str) -> Result<(&'w App, &'w Release), Response> {
    let app = find_app(world, app)?;
    let found = match release.parse::<u32>() {
        Ok(version) => app.release(version),
        Err(_) => app.releases.iter().find(|r| r.id == release),
    };
    found.map(|release| (app, release)).ok_or_else(|| missing(EngineError::ReleaseNotFound))
}

fn release_config(world: &World, app: &str, release: &str) -> Answer {
    let (app, release) = find_release(world, app, release)?;
    Ok(Response::ok(&objects::config(app.config.vars(release.config))))
}

/// `{"release": id}` rolls back to that release; `{"slug": id, "description": …}`
/// releases that slug again, which is how the CLI retries the newest release.
fn create_release(em: &mut Emulator, app: &str, request: &Request) -> Answer {
    let name = app_name(&em.world, app)?;
    let body = body(request)?;
    let output = if let Some(target) = text_field(&body, "release") {
        let version = find_release(&em.world, &name, target)?.1.version;
        em.change(&["heroku", "rollback", &format!("v{version}"), "-a", &name])?
    } else if body.get("slug").is_some() || text_field(&body, "description").is_some_and(|d| d.starts_with("Retry of v")) {
        // The CLI retries the newest release with its slug (none for Fir).
        let newest = em.world.app(&name).ok().and_then(|a| a.latest().and_then(|r| r.artifact).map(|id| a.artifact(id).id.clone()));
        if let Some(slug) = body.get("slug").and_then(|s| s.as_str().or_else(|| text_field(s, "id"))) {
            if newest.as_deref() != Some(slug) {
                return Err(Response::error(422, "invalid_params", "Release Lab releases a slug again only as a retry of the newest release."));
            }
        }
        em.change(&["heroku", "releases:retry", "-a", &name])?
    } else {
        return Err(Response::error(422, "invalid_params", "Release Lab creates releases for a rollback ({\"release\": id}) or a retry ({\"slug\": id})."));
    };
    let (_, version) = output.effect.releases.last().cloned().unwrap_or_default();
    let (app, release) = find_release(&em.world, &name, &version.to_string())?;
    Ok(Response::json(201, &objects::release(&em.world, app, release, &em.base_url)))
}

fn current_config(app: &App) -> Response {
    Response::ok(&objects::config(app.config_vars()))
}

/// `{"KEY": "value", "OTHER": null}`: values set, nulls unset.
fn patch_config(em: &mut Emulator, app: &str, request: &Request) -> Answer {
    let name = app_name(&em.world, app)?;
    let body = body(request)?;
    let Some(vars) = body.as_object() else {
        return Err(Response::error(422, "invalid_params", "Config vars must be a JSON object."));
    };
    let mut set: Vec<String> = Vec::new();
    let mut unset: Vec<String> = Vec::new();
    for (key, value) in vars {
        // A key the command line would read otherwise (`A=B`) never reaches it.
        if let Err(problem) = crate::engine::config::check_key(key, em.world.schema_version) {
            return Err(Response::error(422, "invalid_params", &crate::cli::errors::key_problem(problem, key)));
        }
        match value {
            Value::Null => unset.push(key.clone()),
            Value::String(text) => set.push(format!("{key}={text}")),
            _ => return Err(Response::error(422, "invalid_params", &format!("The value of {key} must be a string, or null to unset it."))),
        }
    }
    // Both at once is one release, as on Heroku: Release Lab's config:patch,
    // which worlds of rules before 3 do not have.
    if !set.is_empty() && !unset.is_empty() && !crate::cli::known_to(&em.world, "config:patch") {
        return Err(Response::error(422, "invalid_params", "This world's rules (before 3) cannot set and unset config vars in one request: send them as two."));
    }
    let command = match (set.is_empty(), unset.is_empty()) {
        (false, false) => "config:patch",
        (true, false) => "config:unset",
        _ => "config:set",
    };
    let mut words: Vec<&str> = vec!["heroku", command, "-a", name.as_str(), "--"];
    words.extend(set.iter().chain(&unset).map(String::as_str));
    // A release whose release command still runs: Heroku says so in a
    // warning header, which the CLI prints.
    let mut pending = false;
    if set.len() + unset.len() > 0 {
        let output = em.change(&words)?;
        pending = output.effect.releases.iter().filter_map(|(app, v)| em.world.app(app).ok()?.release(*v)).any(|r| r.status == Status::Pending);
    }
    let mut response = current_config(find_app(&em.world, &name)?);
    if pending {
        response.headers.push(("x-heroku-warning", RELEASE_COMMAND_EXECUTING.to_string()));
    }
    Ok(response)
}

fn list_addons(world: &World, app: Option<&str>) -> Answer {
    let name = app.map(|a| app_name(world, a)).transpose()?;
    let addons: Vec<Json> = match &name {
        Some(name) => api::app_addons(world, name).map(|addon| api::addon(world, addon)).collect(),
        None => world.addons.iter().map(|addon| api::addon(world, addon)).collect(),
    };
    Ok(Response::ok(&Json::List(addons)))
}

/// An add-on named by name or id.
fn find_addon<'w>(world: &'w World, name_or_id: &str) -> Result<&'w Addon, Response> {
    world.addons.iter().find(|a| a.name == name_or_id || a.id == name_or_id).ok_or_else(|| missing(EngineError::AddonNotFound))
}

/// An add-on's name, for a change.
fn addon_name(world: &World, name_or_id: &str) -> Result<String, Response> {
    find_addon(world, name_or_id).map(|addon| addon.name.clone())
}

fn create_addon(em: &mut Emulator, app: &str, request: &Request) -> Answer {
    let name = app_name(&em.world, app)?;
    let body = body(request)?;
    let Some(plan) = plan_name(&body) else {
        return Err(Response::error(422, "invalid_params", "Missing required param: plan"));
    };
    let attachment = body.get("attachment").and_then(|a| text_field(a, "name"));
    let mut words = vec!["heroku", "addons:create", "-a", name.as_str()];
    if let Some(attachment) = attachment {
        words.extend(["--as", attachment]);
    }
    let confirm = confirmation(&body);
    words.extend(confirm.as_deref());
    words.extend(["--", plan]);
    let before: Vec<String> = em.world.addons.iter().map(|a| a.name.clone()).collect();
    em.change(&words)?;
    let created = em.world.addons.iter().map(|a| a.name.clone()).find(|n| !before.contains(n)).unwrap_or_default();
    let addon = em.world.addon(&created).map_err(missing)?;
    let mut object = api::addon(&em.world, addon);
    if let Some(message) = addon.service().provision_message.filter(|_| addon.service().in_background(em.world.schema_version)) {
        object.set("provision_message", message.into());
    }
    Ok(Response::json(201, &object))
}

/// `"confirm": APP`, as the flag the command takes.
fn confirmation(body: &Value) -> Option<String> {
    body.get("confirm").and_then(Value::as_str).map(|app| format!("--confirm={app}"))
}

/// `"plan": "SERVICE:PLAN"` or `"plan": {"name": …}`.
fn plan_name(body: &Value) -> Option<&str> {
    body.get("plan").and_then(|p| p.as_str().or_else(|| text_field(p, "name")))
}

fn upgrade_addon(em: &mut Emulator, app: &str, addon: &str, request: &Request) -> Answer {
    let name = app_name(&em.world, app)?;
    let addon = addon_name(&em.world, addon)?;
    let body = body(request)?;
    let Some(plan) = plan_name(&body) else {
        return Err(Response::error(422, "invalid_params", "Missing required param: plan"));
    };
    em.change(&["heroku", "addons:upgrade", "-a", &name, "--", &addon, plan])?;
    Ok(Response::ok(&api::addon(&em.world, find_addon(&em.world, &addon)?)))
}

fn destroy_addon(em: &mut Emulator, app: Option<&str>, addon: &str) -> Answer {
    let found = find_addon(&em.world, addon)?;
    let (addon, mut object) = (found.name.clone(), api::addon(&em.world, found));
    let owner = match app {
        Some(app) => app_name(&em.world, app)?,
        None => found.app.clone(),
    };
    em.change(&["heroku", "addons:destroy", &addon, "-a", &owner, "--confirm", &owner])?;
    object.set("state", "deprovisioned".into());
    Ok(Response::ok(&object))
}

/// `{"addon": NAME, "app": APP}`: the add-ons the name means, as a list
/// (the CLI refuses none or several itself), resolved as commands resolve it.
fn resolve_addon(world: &World, request: &Request) -> Answer {
    let body = body(request)?;
    let Some(name) = text_field(&body, "addon") else {
        return Err(Response::error(422, "invalid_params", "Missing required param: addon"));
    };
    let app = text_field(&body, "app").map(|a| app_name(world, a)).transpose()?;
    let app = app.unwrap_or_default();
    let found: Vec<Json> = match crate::engine::actions::find_addon(world, &app, name) {
        Ok(addon) => vec![api::addon(world, addon)],
        Err(EngineError::AmbiguousAddon { .. }) => {
            crate::engine::actions::addons_of_service(world, &app, name).map(|a| api::addon(world, a)).collect()
        }
        Err(_) => Vec::new(),
    };
    Ok(Response::ok(&Json::List(found)))
}

/// An app's attachment by name or id.
fn find_attachment(world: &World, app: &str, attachment: &str) -> Answer {
    let app = app_name(world, app)?;
    world
        .addons
        .iter()
        .find_map(|addon| {
            addon
                .attachments_on(&app)
                .find(|t| t.name == attachment || crate::cli::api::attachment_id(addon, t) == attachment)
                .map(|t| Response::ok(&api::attachment(world, addon, t)))
        })
        .ok_or_else(|| missing(EngineError::AttachmentNotFound))
}

fn list_attachments(world: &World, app: Option<&str>) -> Answer {
    let name = app.map(|a| app_name(world, a)).transpose()?;
    let attachments: Vec<Json> = world
        .addons
        .iter()
        .flat_map(|addon| addon.attachments.iter().map(move |t| (addon, t)))
        .filter(|(_, t)| name.as_ref().is_none_or(|n| t.app == *n))
        .map(|(addon, t)| api::attachment(world, addon, t))
        .collect();
    Ok(Response::ok(&Json::List(attachments)))
}

fn addon_attachments(world: &World, addon: &str) -> Answer {
    let addon = find_addon(world, addon)?;
    Ok(Response::ok(&Json::List(addon.attachments.iter().map(|t| api::attachment(world, addon, t)).collect())))
}

/// `{"addon": id, "app": id, "name": …}`
fn attach(em: &mut Emulator, request: &Request) -> Answer {
    let body = body(request)?;
    let field = |name: &str| body.get(name).and_then(|v| v.as_str().or_else(|| text_field(v, "name")).or_else(|| text_field(v, "id")));
    let (Some(addon), Some(app)) = (field("addon"), field("app")) else {
        return Err(Response::error(422, "invalid_params", "Missing required params: addon, app"));
    };
    let addon = addon_name(&em.world, addon)?;
    let app = app_name(&em.world, app)?;
    let mut words = vec!["heroku", "addons:attach", addon.as_str(), "-a", app.as_str()];
    let requested = text_field(&body, "name");
    if let Some(name) = requested {
        words.extend(["--as", name]);
    }
    let confirm = confirmation(&body);
    words.extend(confirm.as_deref());
    em.change(&words)?;
    let world = &em.world;
    let addon = find_addon(world, &addon)?;
    let attachment = addon
        .attachments
        .iter()
        .rev()
        .find(|t| t.app == app)
        .ok_or_else(|| missing(EngineError::AttachmentNotFound))?;
    Ok(Response::json(201, &api::attachment(world, addon, attachment)))
}

fn detach(em: &mut Emulator, id: &str) -> Answer {
    let found = em.world.addons.iter().find_map(|addon| {
        addon
            .attachments
            .iter()
            .find(|t| crate::cli::api::attachment_id(addon, t) == id)
            .map(|t| (api::attachment(&em.world, addon, t), t.name.clone(), t.app.clone()))
    });
    let Some((object, name, app)) = found else {
        return Err(missing(EngineError::AttachmentNotFound));
    };
    em.change(&["heroku", "addons:detach", &name, "-a", &app])?;
    Ok(Response::ok(&object))
}

fn process(kind: &str, quantity: u64, command: &str) -> Json {
    object([("command", command.into()), ("quantity", quantity.into()), ("size", "Basic".into()), ("type", kind.into())])
}

/// The process types: `web` once deployed, and `release` when the app
/// declares a release command (which `releases:retry` looks for).
fn formation(app: &App) -> Response {
    let mut formation: Vec<Json> = Vec::new();
    if app.repo.remote_head.is_some() {
        formation.push(process("web", 1, "npm start"));
    }
    if let Some(command) = &app.release_command {
        formation.push(process("release", 0, command));
    }
    Response::ok(&Json::List(formation))
}

/// The body behind a release's `output_stream_url`: its release command's output.
fn release_stream(world: &World, id: &str) -> Answer {
    let release = world.apps.iter().flat_map(|a| a.releases.iter()).find(|r| r.id == id);
    match release.and_then(|r| r.release_phase.as_ref()) {
        Some(phase) => {
            let mut text = phase.output().join("\n");
            text.push('\n');
            Ok(Response::text(200, text))
        }
        None => Err(Response::not_found("Couldn't find that release's output.")),
    }
}

/// Release Lab's own endpoint: runs one command line (a deploy, a `sim`
/// setting) and answers with what it printed, for scripts and the oracle
/// test that need a change the Platform API has no request for.
fn run_line(em: &mut Emulator, request: &Request) -> Response {
    let line = String::from_utf8_lossy(&request.body).trim().to_string();
    let output = em.run(&line);
    Response::text(if output.ok { 200 } else { 422 }, output.text())
}
