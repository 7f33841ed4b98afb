//! Runs a script: one command per line, `#` comments and blank lines
//! skipped, each command echoed as `$ command` before its output.

use crate::cli;
use crate::engine::World;

/// A script's full transcript, stdout and stderr merged in order.
pub fn run_script(world: &mut World, script: &str) -> String {
    let mut transcript = String::new();
    for line in script.lines() {
        let command = line.trim();
        if command.is_empty() || command.starts_with('#') {
            continue;
        }
        transcript.push_str("$ ");
        transcript.push_str(command);
        transcript.push('\n');
        transcript.push_str(&cli::run(world, command).text());
    }
    transcript
}
