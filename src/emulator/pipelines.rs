//! The pipeline endpoints `heroku pipelines:*` calls. A pipeline is made
//! by the coupling of its first app (`pipelines:create` is one command), so
//! `POST /pipelines` only reserves the name until that coupling arrives.
//! Promotions run at once; their targets report `pending` to the first poll
//! of a single target with a release command, so the CLI streams its output
//! as it would from Heroku.

use super::routes::{app_name, body, find_app, text_field, Answer};
use super::{Emulator, Request, Response};
use crate::cli::api;
use crate::cli::json::{object, Json};
use crate::engine::pipeline::{Coupling, Pipeline};
use crate::engine::release::Status;
use crate::engine::rng::uuid_from_name;
use crate::engine::{EngineError, World};
use serde_json::Value;

/// A `POST /pipelines`: its name, made a pipeline by its first coupling.
/// Kept after that, so the id the CLI was given still finds it.
#[derive(Clone, Debug, Default)]
pub struct Reserved {
    pub id: String,
    pub name: String,
}

/// A promotion made by `POST /pipeline-promotions`.
#[derive(Clone, Debug, Default)]
pub struct Promotion {
    pub id: String,
    pub targets: Vec<(String, u32)>,
    pub polled: bool,
}

fn pipeline_object(id: &str, name: &str, owner: &str) -> Json {
    object([
        ("id", id.into()),
        ("name", name.into()),
        ("owner", object([("id", uuid_from_name(owner).into()), ("type", "user".into())])),
        ("generation", object([("name", "cedar".into())])),
    ])
}

fn coupling_object(world: &World, pipeline: &Pipeline, coupling: &Coupling) -> Json {
    let app_id = world.app(&coupling.app).map(|a| a.id.clone()).unwrap_or_default();
    object([
        ("id", coupling.id.as_str().into()),
        ("app", object([("id", app_id.into()), ("name", coupling.app.as_str().into())])),
        ("pipeline", object([("id", pipeline.id.as_str().into()), ("name", pipeline.name.as_str().into())])),
        ("stage", coupling.stage.name().into()),
    ])
}

fn find_pipeline<'w>(em: &'w Emulator, name_or_id: &str) -> Result<&'w Pipeline, Response> {
    let name = em.reserved.iter().find(|r| r.id == name_or_id).map_or(name_or_id, |r| r.name.as_str());
    em.world.pipeline(name).map_err(|_| Response::not_found("Couldn't find that pipeline."))
}

pub fn create(em: &mut Emulator, request: &Request) -> Answer {
    let body = body(request)?;
    let Some(name) = text_field(&body, "name") else {
        return Err(Response::error(422, "invalid_params", "Missing required param: name"));
    };
    if em.world.pipeline(name).is_ok() || em.reserved.iter().any(|r| r.name == name) {
        return Err(Response::error(409, "conflict", &crate::cli::errors::message(&EngineError::PipelineNameTaken { name: name.to_string() })));
    }
    let reserved = Reserved { id: uuid_from_name(&format!("reserved-pipeline:{name}:{}", em.reserved.len())), name: name.to_string() };
    let object = pipeline_object(&reserved.id, name, &em.world.user);
    em.reserved.push(reserved);
    Ok(Response::json(201, &object))
}

/// `GET /pipelines?eq[name]=NAME`: the pipelines of that name.
pub fn list(em: &Emulator, request: &Request) -> Answer {
    let wanted = request.query.strip_prefix("eq[name]=");
    let found: Vec<Json> = em
        .world
        .pipelines
        .iter()
        .filter(|p| wanted.is_none_or(|name| p.name == name))
        .map(|p| pipeline_object(&p.id, &p.name, &p.owner))
        .collect();
    Ok(Response::ok(&Json::List(found)))
}

pub fn show(em: &Emulator, pipeline: &str) -> Answer {
    let pipeline = find_pipeline(em, pipeline)?;
    Ok(Response::ok(&pipeline_object(&pipeline.id, &pipeline.name, &pipeline.owner)))
}

pub fn couplings(em: &Emulator, pipeline: &str) -> Answer {
    let pipeline = find_pipeline(em, pipeline)?;
    Ok(Response::ok(&Json::List(pipeline.couplings.iter().map(|c| coupling_object(&em.world, pipeline, c)).collect())))
}

pub fn app_coupling(world: &World, app: &str) -> Answer {
    let app = find_app(world, app)?;
    match world.coupling_of(&app.name) {
        Some((pipeline, coupling)) => Ok(Response::ok(&coupling_object(world, pipeline, coupling))),
        None => Err(Response::not_found(&crate::cli::errors::message(&EngineError::NotInPipeline))),
    }
}

/// `{"app": …, "pipeline": id, "stage": …}`: `pipelines:create` for a
/// reserved pipeline, else `pipelines:add`.
pub fn couple(em: &mut Emulator, request: &Request) -> Answer {
    let body = body(request)?;
    let field = |name: &str| body.get(name).and_then(|v| v.as_str().or_else(|| v.get("id").and_then(Value::as_str)).or_else(|| v.get("name").and_then(Value::as_str)));
    let (Some(app), Some(pipeline), Some(stage)) = (field("app"), field("pipeline"), field("stage")) else {
        return Err(Response::error(422, "invalid_params", "Missing required params: app, pipeline, stage"));
    };
    let app = app_name(&em.world, app)?;
    let stage = format!("--stage={stage}");
    // A reserved name not yet a pipeline: its first coupling makes it.
    let unmade = em.reserved.iter().find(|r| r.id == pipeline && em.world.pipeline(&r.name).is_err()).map(|r| r.name.clone());
    let (command, name) = match unmade {
        Some(name) => ("pipelines:create", name),
        None => ("pipelines:add", find_pipeline(em, pipeline)?.name.clone()),
    };
    em.change(&["heroku", command, "-a", &app, &stage, "--", &name])?;
    let world = &em.world;
    let (pipeline, coupling) = world.coupling_of(&app).ok_or_else(|| Response::not_found("Couldn't find that pipeline coupling."))?;
    Ok(Response::json(201, &coupling_object(world, pipeline, coupling)))
}

/// `POST /filters/apps` with `{"in": {"id": [...]}}`: those apps.
pub fn filter_apps(world: &World, request: &Request) -> Answer {
    let body = body(request)?;
    let ids: Vec<&str> = body.pointer("/in/id").and_then(Value::as_array).map(|ids| ids.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    Ok(Response::ok(&Json::List(world.apps.iter().filter(|a| ids.contains(&a.id.as_str())).map(api::app).collect())))
}

/// `{"pipeline": {"id"}, "source": {"app": {"id"}}, "targets": [{"app": {"id"}}]}`:
/// `pipelines:promote -a SOURCE --to TARGETS`.
pub fn promote(em: &mut Emulator, request: &Request) -> Answer {
    let body = body(request)?;
    let Some(source) = body.pointer("/source/app/id").and_then(Value::as_str) else {
        return Err(Response::error(422, "invalid_params", "Missing required param: source"));
    };
    let source = app_name(&em.world, source)?;
    let mut targets = Vec::new();
    for target in body.get("targets").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
        let id = target.pointer("/app/id").and_then(Value::as_str).unwrap_or_default();
        targets.push(app_name(&em.world, id)?);
    }
    let to = format!("--to={}", targets.join(","));
    let made = em.change(&["heroku", "pipelines:promote", "-a", &source, &to])?.effect.releases;
    let id = uuid_from_name(&format!("promotion:{source}:{}", em.promotions.len()));
    em.promotions.push(Promotion { id: id.clone(), targets: made, polled: false });
    Ok(Response::json(201, &object([("id", id.into()), ("status", "pending".into())])))
}

pub fn promotion_targets(em: &mut Emulator, id: &str) -> Answer {
    let Some(promotion) = em.promotions.iter_mut().find(|p| p.id == id) else {
        return Err(Response::not_found("Couldn't find that promotion."));
    };
    let first_poll = !std::mem::replace(&mut promotion.polled, true);
    let single = promotion.targets.len() == 1;
    let world = &em.world;
    let mut items = Vec::new();
    for (app, version) in &promotion.targets {
        let app = world.app(app).map_err(|_| Response::not_found("Couldn't find that app."))?;
        let release = app.release(*version).ok_or_else(|| Response::not_found("Couldn't find that release."))?;
        // As Heroku answers while the release command still runs.
        let running = first_poll && single && release.release_phase.is_some();
        let (status, error) = match release.status {
            _ if running => ("pending", Json::Null),
            Status::Failed => ("failed", "Release command failed".into()),
            _ => ("succeeded", Json::Null),
        };
        items.push(object([
            ("app", object([("id", app.id.as_str().into())])),
            ("status", status.into()),
            ("error_message", error),
            ("release", object([("id", release.id.as_str().into())])),
        ]));
    }
    Ok(Response::ok(&Json::List(items)))
}
