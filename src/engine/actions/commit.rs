//! `git commit -m MESSAGE`

use crate::engine::error::{EngineError, GitError};
use crate::engine::world::{Outcome, World};

pub fn run(world: &mut World, app: &str, message: &str) -> Result<Outcome, EngineError> {
    world.app(app)?;
    if message.trim().is_empty() {
        return Err(EngineError::Git(GitError::EmptyCommitMessage));
    }
    let (now, offset, user) = (world.now(), world.clock.offset_secs, world.user.clone());
    let repo = &mut world.app_mut(app)?.repo;
    let commit = repo.commit(&user, now, offset, message.trim_end());
    Ok(Outcome::Committed { app: app.to_string(), commit })
}
