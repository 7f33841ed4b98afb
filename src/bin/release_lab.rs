//! `release-lab script [FILE|-]`: run a transcript script natively.

use release_lab::engine::World;
use release_lab::script::run_script;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: release-lab script [FILE|-]

Runs one command per line (heroku …, git …, sim …, help) against a fresh
simulated world and prints each as `$ command` followed by its output,
stdout and stderr merged in order. Blank lines and lines starting with #
are skipped. Reads standard input when FILE is - or missing.

The world starts at 2024-12-03T12:00:00Z with seed 1, acting as
you@example.com, so the same script always prints the same transcript.
Exits 0 unless the script cannot be read.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let source = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["script"] | ["script", "-"] => None,
        ["script", path] => Some(path.to_string()),
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
            let transcript = run_script(&mut World::new(), &script);
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
