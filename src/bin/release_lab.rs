//! `release-lab script [FILE|-]`: run a transcript script natively;
//! `release-lab lessons` and `release-lab lesson ID`: the lessons, checked
//! as the browser checks them.

#[cfg(not(target_arch = "wasm32"))]
use release_lab::emulator::Emulator;
use release_lab::engine::World;
use release_lab::lesson::{self, Lesson};
use release_lab::script::{self, run_script};
use release_lab::workspace;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: release-lab script [FILE|-]
       release-lab export [FILE|-]
       release-lab lessons
       release-lab lesson ID|LESSON.md [SCRIPT|-]
       release-lab lesson ID|LESSON.md --solution
       release-lab api [--port N] [--script FILE]

Runs one command per line (heroku …, git …, sim …, help) against a fresh
simulated world and prints each as `$ command` followed by its output,
stdout and stderr merged in order. Blank lines and lines starting with #
are skipped. Reads standard input when FILE is - or missing.

The world starts at 2024-12-03T12:00:00Z with seed 1, acting as
you@example.com, so the same script always prints the same transcript.
Exits 0 unless the script cannot be read.

`export` runs the script silently and prints the workspace file the
browser app imports (its state-changing commands and the resulting state).

`lessons` lists the built-in lessons, one per line, id first. `lesson`
runs a lesson's start, then SCRIPT's lines (printed as `script` prints
them), then says which goals are met; it exits 0 only when all are.
ID is a built-in lesson's id, or the path of a lesson file (see
lessons/README.md). `--solution` prints the lesson's solution.

`api` runs FILE's lines (if given), then serves Heroku's Platform API
for that world on 127.0.0.1:N (default 5001; 0 picks a free port), so
the real heroku CLI can run against it:
  HEROKU_HOST=http://127.0.0.1:N HEROKU_API_KEY=anything heroku releases -a APP
It prints `Listening on http://127.0.0.1:N` once ready. Any bearer token
is accepted. POST /release-lab/run with a command line as the body runs it
(a deploy, a sim setting) and answers with its output.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("lessons") if args.len() == 1 => return list_lessons(),
        Some("lesson") if (2..=3).contains(&args.len()) => return run_lesson(&args[1], args.get(2).map(String::as_str)),
        #[cfg(not(target_arch = "wasm32"))]
        Some("api") => return serve_api(&args[1..]),
        _ => {}
    }
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
    match read_source(source.as_deref()) {
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
    let mut text = workspace::export(&history.events, history.rules());
    text.push('\n');
    text
}

fn read_source(path: Option<&str>) -> Result<String, String> {
    match path {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("release-lab: cannot read {path}: {e}")),
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text).map_err(|e| format!("release-lab: cannot read standard input: {e}"))
        }
    }
}

fn list_lessons() -> ExitCode {
    let mut out = String::new();
    for source in lesson::built_in::SOURCES {
        match Lesson::parse(source) {
            Ok(lesson) => out.push_str(&format!("{:<24} {}\n", lesson.id, lesson.title)),
            Err(error) => {
                eprintln!("release-lab: a built-in lesson is broken: {error}");
                return ExitCode::from(2);
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// A built-in lesson by id, or a lesson file by path.
fn find_lesson(name: &str) -> Result<Lesson, String> {
    if let Some(lesson) = lesson::built_in::SOURCES.iter().filter_map(|s| Lesson::parse(s).ok()).find(|l| l.id == name) {
        return Ok(lesson);
    }
    if !std::path::Path::new(name).exists() {
        return Err(format!("release-lab: no lesson {name}; `release-lab lessons` lists them, or give a lesson file's path"));
    }
    let source = read_source(Some(name))?;
    Lesson::parse(&source).map_err(|error| format!("release-lab: {name}: {error}"))
}

fn run_lesson(name: &str, script: Option<&str>) -> ExitCode {
    let lesson = match find_lesson(name) {
        Ok(lesson) => lesson,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if script == Some("--solution") {
        let _ = stdout.write_all(lesson.solution.iter().map(|line| format!("{line}\n")).collect::<String>().as_bytes());
        return ExitCode::SUCCESS;
    }
    let script = match read_source(script.filter(|s| *s != "-")) {
        Ok(script) => script,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let attempt = lesson.attempt(&script);
    let mut out = attempt.transcript;
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("Goals of {}:\n", lesson.id));
    for (goal, met) in lesson.goals.iter().zip(&attempt.met) {
        out.push_str(&format!("{} {}\n", if *met { "  met    " } else { "  not met" }, goal.text));
    }
    let count = attempt.met.iter().filter(|m| **m).count();
    out.push_str(&format!("{count} of {} goals met.\n", attempt.met.len()));
    let _ = stdout.write_all(out.as_bytes());
    if count == attempt.met.len() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_API_PORT: u16 = 5001;

/// The emulator is native only: the wasm build of this runner (which the
/// browser tests compile) has no HTTP server.
#[cfg(not(target_arch = "wasm32"))]
fn serve_api(args: &[String]) -> ExitCode {
    let mut port = DEFAULT_API_PORT;
    let mut script = String::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next();
        let parsed = match (flag.as_str(), value) {
            ("--port", Some(n)) => n.parse().map(|n| port = n).map_err(|_| format!("release-lab api: --port {n} is not a port number")),
            ("--script", Some(path)) => read_source(Some(path.as_str()).filter(|p| *p != "-")).map(|text| script = text),
            _ => Err(USAGE.to_string()),
        };
        if let Err(message) = parsed {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    }
    let served = release_lab::emulator::http::serve(
        port,
        |address| {
            let mut emulator = Emulator::new(World::new(), &format!("http://{address}"));
            emulator.run_script(&script);
            emulator
        },
        |address| {
            println!("Listening on http://{address}");
            let _ = std::io::stdout().flush();
        },
    );
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("release-lab api: cannot serve on 127.0.0.1:{port}: {error}");
            ExitCode::from(1)
        }
    }
}
