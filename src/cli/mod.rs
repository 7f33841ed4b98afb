//! The command line: words in, text out. Pure: it reads and changes only
//! the `World` it is given, through the engine.
//!
//! line → `lexer::split` → command table lookup → `args::parse` → an
//! engine `Action` (or a query) → `World::execute` → `Outcome` → text.

pub mod api;
pub mod args;
pub mod cmd;
pub mod compose;
pub mod commands;
pub mod complete;
pub mod effect;
pub mod errors;
pub mod explain;
pub mod format;
pub mod help;
pub mod json;
pub mod lexer;
pub mod output;

use crate::engine::{Action, EngineError, Outcome, World};
use args::Args;
use commands::Program;
pub use effect::{Effect, ErrorKind, Failure, Resource};
pub use output::{Line, Output, Stream};

/// Runs one command line against `world`.
pub fn run(world: &mut World, line: &str) -> Output {
    let mut out = Output::new();
    let words = match lexer::split(line) {
        Ok(words) => words,
        Err(error) => {
            out.fail_raw(ErrorKind::Usage, format!("release-lab: {}", error.message()));
            return out;
        }
    };
    let Some((first, rest)) = words.split_first() else { return out };
    match first.as_str() {
        "heroku" => run_program(world, Program::Heroku, rest),
        "git" => run_program(world, Program::Git, rest),
        "sim" if rest.is_empty() => run_program(world, Program::Sim, &["status".to_string()]),
        "sim" => run_program(world, Program::Sim, rest),
        "help" => help::help(world.style, rest),
        other => {
            let hint = if commands::lookup(Program::Heroku, other).is_some() {
                format!(" Did you mean heroku {other}?")
            } else if commands::lookup(Program::Git, other).is_some() {
                format!(" Did you mean git {other}?")
            } else {
                " Commands start with heroku, git or sim; try help.".to_string()
            };
            out.fail_raw(ErrorKind::UnknownCommand, format!("release-lab: {other}: command not found.{hint}"));
            out
        }
    }
}

fn run_program(world: &mut World, program: Program, words: &[String]) -> Output {
    let mut out = Output::new();
    let style = world.style;
    let Some((name, rest)) = words.split_first() else {
        return help::help(style, &[]);
    };
    if program == Program::Heroku && (name == "--help" || name == "-h") {
        return help::help(style, &[]);
    }
    let known = commands::lookup(program, name).filter(|spec| known_to(world, spec.name));
    let Some(spec) = known else {
        unknown_command(&mut out, world, program, name);
        return out;
    };
    if args::asks_for_help(spec, rest) {
        return help::help(style, &[program.name().to_string(), spec.name.to_string()]);
    }
    let args = match args::parse(spec, rest) {
        Ok(args) => args,
        Err(message) => {
            match program {
                Program::Git => out.fail_raw(ErrorKind::Usage, format!("error: {message}")),
                Program::Sim => out.fail_raw(ErrorKind::Usage, format!("sim {}: {}", spec.name, message.replace('\n', ". "))),
                Program::Heroku => out.fail(style, ErrorKind::Usage, message),
            }
            return out;
        }
    };
    cmd::dispatch(world, spec, &args)
}

/// Pipelines and `config:patch` came with rules 3: worlds of earlier rules
/// never knew them, so their saved work replays as it did.
pub(crate) fn known_to(world: &World, command: &str) -> bool {
    world.follows(crate::engine::world::schema::CODE_AND_CALENDAR) || !(command.starts_with("pipelines:") || command == "config:patch")
}

fn unknown_command(out: &mut Output, world: &World, program: Program, name: &str) {
    let suggestion = commands::suggest(program, name).filter(|s| known_to(world, s));
    match program {
        Program::Git => {
            let mut text = format!("git: '{name}' is not a git command. See 'git --help'.");
            if let Some(s) = suggestion {
                text.push_str(&format!("\n\nThe most similar command is\n\t{s}"));
            }
            out.fail_raw(ErrorKind::UnknownCommand, text);
        }
        Program::Heroku => {
            let mut text = format!("{name} is not a heroku command.");
            if let Some(s) = suggestion {
                text.push_str(&format!("\nDid you mean {s}?"));
            }
            text.push_str("\nRun heroku help for a list of available commands.");
            out.fail(world.style, ErrorKind::UnknownCommand, text);
        }
        Program::Sim => {
            let mut text = format!("sim: unknown setting '{name}'.");
            if let Some(s) = suggestion {
                text.push_str(&format!(" Did you mean 'sim {s}'?"));
            }
            text.push_str(" Run help sim for the list.");
            out.fail_raw(ErrorKind::UnknownCommand, text);
        }
    }
}

/// The app a command is about: `-a APP`, or the only app there is.
/// A failure is worded for the caller to print in its program's voice.
pub(crate) fn resolve_app(world: &World, args: &Args) -> Result<String, Failure> {
    if let Some(app) = args.value("app") {
        return world.app(app).map(|a| a.name.clone()).map_err(|e| Failure { kind: e.kind(), message: errors::message(&e) });
    }
    // The real CLI takes the app from the git remote of the directory it
    // runs in, which Release Lab does not have: the only app stands in.
    let missing = |message: String| Failure { kind: ErrorKind::Usage, message };
    match world.apps.as_slice() {
        [only] => Ok(only.name.clone()),
        [] => Err(missing("Missing required flag app\nYou have no apps yet: create one with heroku create NAME.".to_string())),
        apps => {
            let names: Vec<&str> = apps.iter().map(|a| a.name.as_str()).collect();
            Err(missing(format!("Missing required flag app\nSeveral apps exist ({}): choose one with -a APP.", names.join(", "))))
        }
    }
}

/// Prints a `resolve_app` failure as the heroku CLI does: a missing flag
/// in oclif's words (Release Lab's hint kept as the last line), an unknown
/// app as the API's error, with its id. One function, not code in every
/// command that `app_or_fail!` expands into.
pub(crate) fn app_failure(out: &mut Output, style: crate::engine::release::Style, failure: Failure) {
    match (failure.kind, failure.message.split_once('\n')) {
        (ErrorKind::Usage, Some((missing, hint))) => out.fail(
            style,
            failure.kind,
            format!("The following error occurred:\n  {missing}\nSee more help with --help\n{hint}"),
        ),
        _ => {
            out.fail(style, failure.kind, &failure.message);
            out.api_error_id(style, failure.kind);
        }
    }
}

/// Prints an engine refusal in the style of the program that asked.
pub(crate) fn engine_error(out: &mut Output, world: &World, error: &EngineError) {
    match error {
        EngineError::Git(_) => out.fail_raw(error.kind(), errors::message(error)),
        // A plain Error the CLI throws itself: oclif prints it indented, without ›.
        EngineError::ConfirmationMismatch { .. }
        | EngineError::WouldOverwriteVars { given: Some(_), .. }
        | EngineError::PipelineNotFound
        | EngineError::CannotPromoteFrom { .. }
        | EngineError::NoDownstreamApps { .. } => {
            let text = errors::message(error);
            match world.style {
                crate::engine::release::Style::Modern => out.fail_plain(error.kind(), text),
                crate::engine::release::Style::Classic => out.fail(world.style, error.kind(), text),
            }
        }
        // The CLI traps this refusal and asks for the app's name instead.
        EngineError::WouldOverwriteVars { app, .. } => {
            out.note_failure(error.kind(), errors::message(error));
            out.warn(world.style, errors::message(error));
            out.fail(world.style, error.kind(), format!("To proceed, re-run this command with --confirm {app}"));
        }
        other => {
            out.fail(world.style, other.kind(), errors::message(other));
            if errors::comes_from_api(other) {
                out.api_error_id(world.style, other.kind());
            }
        }
    }
}

/// Runs `action` and records the releases it created; the caller words any refusal.
pub(crate) fn try_execute(world: &mut World, out: &mut Output, action: Action) -> Result<Outcome, EngineError> {
    let outcome = world.execute(action)?;
    out.effect.releases.extend(outcome.releases());
    Ok(outcome)
}

/// Runs `action`, printing a refusal if there is one.
pub(crate) fn execute(world: &mut World, out: &mut Output, action: Action) -> Option<Outcome> {
    match try_execute(world, out, action) {
        Ok(outcome) => Some(outcome),
        Err(error) => {
            engine_error(out, world, &error);
            None
        }
    }
}

/// Runs `action` as a command that shows a progress line (`title...`): when
/// the API refuses it, today's CLI ends that line with `!` before the error.
pub(crate) fn execute_titled(world: &mut World, out: &mut Output, action: Action, title: &str) -> Option<Outcome> {
    match try_execute(world, out, action) {
        Ok(outcome) => Some(outcome),
        Err(error) => {
            if world.style == crate::engine::release::Style::Modern && errors::comes_from_api(&error) {
                out.err(format!("{title}... !"));
            }
            engine_error(out, world, &error);
            None
        }
    }
}

/// Parses `v12`, `V12` or `12`.
pub(crate) fn parse_version(text: &str) -> Option<u32> {
    let digits = text.strip_prefix(['v', 'V']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|v| *v > 0)
}

pub(crate) use crate::engine::sort_small;

#[cfg(test)]
mod tests {
    #[test]
    fn sort_small_sorts_like_the_standard_library() {
        let mut seed = 7u64;
        for len in 0..40 {
            let mut items: Vec<u64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 33) % 10
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            super::sort_small(&mut items, |a, b| a < b);
            assert_eq!(items, expected);
        }
    }
}
