//! `heroku pipelines:create NAME -a APP --stage STAGE` and
//! `heroku pipelines:add PIPELINE -a APP --stage STAGE`: an app joins a
//! pipeline at a stage. An app is in at most one pipeline.

use crate::engine::error::EngineError;
use crate::engine::pipeline::{Coupling, Pipeline, Stage};
use crate::engine::world::{Outcome, World};

pub fn create(world: &mut World, name: String, app: &str, stage: Stage) -> Result<Outcome, EngineError> {
    super::create_app::check_name(&name)?;
    if world.pipelines.iter().any(|p| p.name == name) {
        return Err(EngineError::PipelineNameTaken { name });
    }
    check_free(world, app)?;
    let pipeline = Pipeline { id: world.rng.uuid(), name: name.clone(), owner: world.user.clone(), couplings: Vec::new() };
    world.pipelines.push(pipeline);
    couple(world, &name, app, stage, true)
}

pub fn add(world: &mut World, pipeline: &str, app: &str, stage: Stage) -> Result<Outcome, EngineError> {
    let name = world.pipeline(pipeline)?.name.clone();
    check_free(world, app)?;
    couple(world, &name, app, stage, false)
}

fn check_free(world: &World, app: &str) -> Result<(), EngineError> {
    world.app(app)?;
    match world.coupling_of(app) {
        Some((pipeline, _)) => Err(EngineError::AlreadyInPipeline { app: app.to_string(), pipeline: pipeline.name.clone() }),
        None => Ok(()),
    }
}

fn couple(world: &mut World, pipeline: &str, app: &str, stage: Stage, created: bool) -> Result<Outcome, EngineError> {
    let id = world.rng.uuid();
    let target = world.pipelines.iter_mut().find(|p| p.name == pipeline).ok_or(EngineError::PipelineNotFound)?;
    target.couplings.push(Coupling { id, app: app.to_string(), stage });
    Ok(Outcome::Coupled { app: app.to_string(), pipeline: pipeline.to_string(), stage, created })
}
