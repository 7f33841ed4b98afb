//! `release-lab script [FILE|-]`: run a transcript script natively.

use release_lab::engine::World;
use release_lab::script::{self, run_script};
use release_lab::workspace;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: release-lab script [FILE|-]
       release-lab export [FILE|-]

Runs one command per line (heroku …, git …, sim …, help) against a fresh
simulated world and prints each as `$ command` followed by its output,
stdout and stderr merged in order. Blank lines and lines starting with #
are skipped. Reads standard input when FILE is - or missing.

The world starts at 2024-12-03T12:00:00Z with seed 1, acting as
you@example.com, so the same script always prints the same transcript.
Exits 0 unless the script cannot be read.

`export` runs the script silently and prints the workspace file the
browser app imports (its state-changing commands and the resulting state).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, source) = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [mode @ ("script" | "export")] | [mode @ ("script" | "export"), "-"] => (mode.to_string(), None),
        [mode @ ("script" | "export"), path] => (mode.to_string(), Some(path.to_string())),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let script = match &source {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("release-lab: cannot read {path}: {e}")),
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text).map_err(|e| format!("release-lab: cannot read standard input: {e}"))
        }
    };
    match script {
        Ok(script) => {
            let transcript = if mode == "export" { export_workspace(&script) } else { run_script(&mut World::new(), &script) };
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = stdout.write_all(transcript.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The workspace file for a script: the lines that changed the world.
fn export_workspace(script: &str) -> String {
    let (_, history) = script::run_session(&mut World::new(), script);
    let mut text = workspace::export(&history.events);
    text.push('\n');
    text
}
