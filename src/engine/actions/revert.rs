//! `git revert REV`: a new commit that undoes an earlier one.

use crate::engine::error::{EngineError, GitError};
use crate::engine::git::RevError;
use crate::engine::world::{schema, Outcome, World};

pub fn rev_error(error: RevError) -> EngineError {
    match error {
        RevError::Unknown(rev) => EngineError::Git(GitError::UnknownRevision { rev }),
        RevError::Ambiguous(rev) => EngineError::Git(GitError::AmbiguousRevision { rev }),
    }
}

pub fn run(world: &mut World, app: &str, rev: &str) -> Result<Outcome, EngineError> {
    let repo = &world.app(app)?.repo;
    let index = repo.resolve(rev).map_err(|e| match e {
        RevError::Unknown(rev) => EngineError::Git(GitError::BadRevision { rev }),
        other => rev_error(other),
    })?;
    let target = &repo.commits[index];
    let message = format!("Revert \"{}\"\n\nThis reverts commit {}.", target.subject(), target.sha);
    // A commit that changed the Procfile's release line is reverted with
    // it, while that line is still the working tree's (rules 3).
    let before = target.parent.and_then(|p| repo.commits[p].release_command.clone());
    let changed_it = before != target.release_command && repo.procfile_release == target.release_command;
    let restore = (changed_it && world.follows(schema::CODE_AND_CALENDAR)).then_some(before);
    if let Some(release_command) = restore {
        world.app_mut(app)?.repo.procfile_release = release_command;
    }
    super::commit::run(world, app, &message)
}
