//! Runs a script: one command per line, `#` comments and blank lines
//! skipped, each command echoed as `$ command` before its output. Lines
//! run in a session, so `sim undo` and `sim redo` work here too.

use crate::engine::World;
use crate::session::History;
use crate::transcript;

/// The commands of a script: trimmed lines, without blanks and comments.
pub fn commands(script: &str) -> impl Iterator<Item = &str> {
    script.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A script's full transcript, stdout and stderr merged in order.
pub fn run_script(world: &mut World, script: &str) -> String {
    run_session(world, script).0
}

/// A script's transcript and the session history it leaves (whose
/// `events` are what an export holds).
pub fn run_session(world: &mut World, script: &str) -> (String, History) {
    let mut history = History::starting_from(world.clone());
    let mut text = String::new();
    for command in commands(script) {
        let (output, _) = history.run(world, command);
        transcript::push(&mut text, command, &output);
    }
    (text, history)
}
