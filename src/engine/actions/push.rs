//! `git push heroku main`: build the new commits, then release them.

use crate::engine::app::NewRelease;
use crate::engine::error::{EngineError, GitError};
use crate::engine::outcome::Push;
use crate::engine::release::{Artifact, Change};
use crate::engine::world::{schema, Outcome, World};

pub fn run(world: &mut World, app_name: &str) -> Result<Outcome, EngineError> {
    let app = world.app(app_name)?;
    let Some(head) = app.repo.head else {
        return Err(EngineError::Git(GitError::NothingToPush { git_url: app.git_url() }));
    };
    let previous_remote = app.repo.remote_head;
    let outcome = |push| Outcome::Pushed { app: app_name.to_string(), push };
    if previous_remote == Some(head) {
        return Ok(outcome(Push::UpToDate));
    }
    if app.fail_next_build {
        world.app_mut(app_name)?.fail_next_build = false;
        return Ok(outcome(Push::BuildFailed { commit: head, previous_remote }));
    }

    let plans = world.plan_names_for(app);
    let code_declares_release_command = world.follows(schema::CODE_AND_CALENDAR);
    let (now, user) = (world.now(), world.user.clone());
    let World { apps, rng, .. } = world;
    let app = apps.iter_mut().find(|a| a.name == app_name).ok_or(EngineError::AppNotFound)?;
    let commit = app.repo.commits[head].clone();
    // Between 5 and 60 MB, as real slugs of small apps are.
    let size_bytes = 5_000_000 + rng.below(55_000_000);
    let artifact = app.add_artifact(Artifact {
        kind: app.kind(),
        id: rng.uuid(),
        commit: commit.sha.clone(),
        commit_description: commit.subject().to_string(),
        size_bytes,
        used_by: Vec::new(),
        destroyed_at: None,
        release_command: commit.release_command.clone(),
    });
    if code_declares_release_command {
        app.declare_release_command(commit.release_command);
    }
    app.repo.remote_head = Some(head);
    let release = NewRelease {
        change: Change::Deploy { sha: commit.sha },
        user,
        artifact: Some(artifact),
        config: app.head_config(),
        addon_plan_names: plans,
        runs_release_phase: true,
    };
    let version = app.create_release(release, now, rng);
    let waited = super::wait_for_release_phase(world, app_name, version);
    Ok(outcome(Push::Released { commit: head, previous_remote, version, waited }))
}
