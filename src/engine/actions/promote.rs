//! `heroku pipelines:promote -a APP [--to A,B]`: each target gets a release
//! running the source's current slug or image with the target's own config;
//! the release phase runs as for a deploy. Config and add-ons never move.

use crate::engine::app::NewRelease;
use crate::engine::error::EngineError;
use crate::engine::release::{Artifact, Change};
use crate::engine::world::{schema, Outcome, World};

pub fn run(world: &mut World, app_name: &str, targets: Option<Vec<String>>) -> Result<Outcome, EngineError> {
    world.app(app_name)?;
    let (pipeline, coupling) = world.coupling_of(app_name).ok_or(EngineError::NotInPipeline)?;
    let stage = coupling.stage;
    let targets: Vec<String> = match targets {
        Some(names) => {
            let mut found = Vec::new();
            for name in names {
                if name == app_name {
                    return Err(EngineError::PromoteToSelf { app: name });
                }
                if !pipeline.couplings.iter().any(|c| c.app == name) {
                    return Err(EngineError::TargetNotInPipeline { app: name });
                }
                if !found.contains(&name) {
                    found.push(name);
                }
            }
            if found.is_empty() {
                return Err(EngineError::NoPromotionTargets);
            }
            found
        }
        None => {
            let Some(downstream) = stage.downstream() else {
                return Err(EngineError::CannotPromoteFrom { app: app_name.to_string(), stage: stage.name() });
            };
            let found: Vec<String> = pipeline.couplings.iter().filter(|c| c.stage == downstream).map(|c| c.app.clone()).collect();
            if found.is_empty() {
                return Err(EngineError::NoDownstreamApps { app: app_name.to_string(), stage: downstream.name() });
            }
            found
        }
    };
    let pipeline = pipeline.name.clone();
    let source = world.app(app_name)?;
    let Some((version, artifact)) = source.current_release().and_then(|r| r.artifact.map(|id| (r.version, source.artifact(id).clone()))) else {
        return Err(EngineError::NothingToPromote { app: app_name.to_string() });
    };

    let code_declares_release_command = world.follows(schema::CODE_AND_CALENDAR);
    let mut made = Vec::new();
    for target in &targets {
        let plans = world.plan_names_for(world.app(target)?);
        let user = world.user.clone();
        let app = world.app_mut(target)?;
        // The same slug or image, now also used by the target's releases.
        let copy = app.add_artifact(Artifact { used_by: Vec::new(), destroyed_at: None, ..artifact.clone() });
        if code_declares_release_command {
            app.declare_release_command(artifact.release_command.clone());
        }
        let new = NewRelease {
            change: Change::Promote { app: app_name.to_string(), version, sha: artifact.commit.clone() },
            user,
            artifact: Some(copy),
            config: app.head_config(),
            addon_plan_names: plans,
            runs_release_phase: true,
        };
        made.push((target.clone(), super::append_release(world, target, new)?));
    }
    let mut waited = Vec::new();
    for (target, version) in &made {
        waited.extend(super::wait_for_release_phase(world, target, *version));
    }
    Ok(Outcome::Promoted { app: app_name.to_string(), pipeline, targets: made, waited })
}
