//! Runs a script: one command per line, `#` comments and blank lines
//! skipped, each command echoed as `$ command` before its output.

use crate::cli;
use crate::engine::World;

/// The commands of a script: trimmed lines, without blanks and comments.
pub fn commands(script: &str) -> impl Iterator<Item = &str> {
    script.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A script's full transcript, stdout and stderr merged in order.
pub fn run_script(world: &mut World, script: &str) -> String {
    let mut transcript = String::new();
    for command in commands(script) {
        transcript.push_str("$ ");
        transcript.push_str(command);
        transcript.push('\n');
        transcript.push_str(&cli::run(world, command).text());
    }
    transcript
}
