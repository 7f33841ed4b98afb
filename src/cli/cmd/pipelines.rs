//! `heroku pipelines:create`, `pipelines:add`, `pipelines:info` and
//! `pipelines:promote` (worlds of rules 3). Where the CLI would prompt for
//! a missing name or stage, the answer is the default its prompt offers.

use super::app_or_fail;
use super::releases::stream_release_output;
use crate::cli::args::Args;
use crate::cli::effect::ErrorKind;
use crate::cli::format::{app_label, header, styled_object, table};
use crate::cli::output::Output;
use crate::engine::pipeline::Stage;
use crate::engine::release::{Status, Style};
use crate::engine::{Action, EngineError, Outcome, World};

/// `--stage`, or the stage the CLI's prompt offers for the app's name.
fn stage(args: &Args, app: &str, out: &mut Output, style: Style) -> Option<Stage> {
    let Some(text) = args.value("stage") else { return Some(Stage::guess(app).1) };
    let parsed = Stage::parse(text);
    if parsed.is_none() {
        out.fail(style, ErrorKind::Invalid { field: "stage" }, format!("Invalid stage {text}: use review, development, staging or production."));
        out.api_error_id(style, ErrorKind::Invalid { field: "stage" });
    }
    parsed
}

pub fn create(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let name = args.positionals.first().cloned().unwrap_or_else(|| Stage::guess(&app).0.to_string());
    let Some(stage) = stage(args, &app, &mut out, style) else { return out };
    let action = Action::CreatePipeline { name: name.clone(), app: app.clone(), stage };
    if crate::cli::execute_titled(world, &mut out, action, &format!("Creating {name} pipeline")).is_some() {
        out.err(format!("Creating {name} pipeline... done"));
        out.err(format!("Adding {} to {name} pipeline as {}... done", app_label(style, &app), stage.name()));
    }
    out
}

pub fn add(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let Some(stage) = stage(args, &app, &mut out, style) else { return out };
    let action = Action::AddToPipeline { pipeline: args.positionals[0].clone(), app: app.clone(), stage };
    if let Some(Outcome::Coupled { pipeline, .. }) = crate::cli::execute(world, &mut out, action) {
        out.err(format!("Adding {} to {pipeline} pipeline as {}... done", app_label(style, &app), stage.name()));
    }
    out
}

pub fn info(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let pipeline = match world.pipeline(&args.positionals[0]) {
        Ok(pipeline) => pipeline,
        Err(error) => {
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
    };
    out.out(header(&pipeline.name));
    out.out(format!("owner: {}", pipeline.owner));
    out.out("");
    // By stage (development, review, staging, production), then by name.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for stage in Stage::ALL {
        let mut names: Vec<&str> = pipeline.couplings.iter().filter(|c| c.stage == stage).map(|c| c.app.as_str()).collect();
        crate::cli::sort_small(&mut names, |a, b| a < b);
        for name in names {
            rows.push(vec![app_label(world.style, name), stage.name().to_string()]);
        }
    }
    out.out(table(&["app name", "stage"], &rows));
    out
}

pub fn promote(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let targets: Option<Vec<String>> = args.value("to").map(|to| to.split(',').filter(|t| !t.is_empty()).map(String::from).collect());
    let stage_name = world.coupling_of(&app).and_then(|(_, coupling)| coupling.stage.downstream()).map(Stage::name);
    let action = Action::Promote { app: app.clone(), targets: targets.clone() };
    let outcome = match crate::cli::try_execute(world, &mut out, action) {
        Ok(outcome) => outcome,
        Err(error) => {
            promotion_refused(world, &app, targets.as_deref(), &error, &mut out);
            return out;
        }
    };
    let Outcome::Promoted { pipeline, targets: made, .. } = outcome else { return out };
    if style == Style::Classic {
        for (target, version) in &made {
            out.err(format!("Promoting {app} to {target}...done, v{version}"));
        }
        return out;
    }
    out.out("Fetching app info...");
    out.out(format!("Fetching apps from {pipeline}..."));
    match &targets {
        Some(names) => out.out(format!("Starting promotion to apps: {}...", names.join(","))),
        None => out.out(format!("Starting promotion to {}...", stage_name.unwrap_or_default())),
    }
    out.out("Waiting for promotion to complete...");
    let status = |target: &str, version: u32| world.app(target).ok().and_then(|a| a.release(version)).map_or(Status::Failed, |r| r.status);
    // With one target whose release command runs, the CLI streams its output.
    if let [(target, version)] = &made[..] {
        let phase = world.app(target).ok().and_then(|a| a.release(*version)).is_some_and(|r| r.release_phase.is_some());
        if phase {
            out.out("Fetching release info...");
            stream_release_output(world, target, *version, &mut out);
        }
    }
    let mut rows: Vec<(&str, Vec<String>)> = Vec::new();
    for (target, version) in &made {
        rows.push(match status(target, *version) {
            Status::Failed => (target.as_str(), vec!["failed".to_string(), "Release command failed".to_string()]),
            _ => (target.as_str(), vec!["succeeded".to_string()]),
        });
    }
    if rows.iter().all(|(_, values)| values.len() == 1) {
        out.out("\nPromotion successful");
    } else {
        out.warn(style, "\nPromotion to some apps failed");
    }
    out.out(styled_object(&rows));
    out
}

/// The CLI's lines up to where it stopped, then the refusal in its voice:
/// an assertion, a plain Error, or the API's.
fn promotion_refused(world: &World, app: &str, targets: Option<&[String]>, error: &EngineError, out: &mut Output) {
    if world.style == Style::Classic {
        return crate::cli::engine_error(out, world, error);
    }
    out.out("Fetching app info...");
    let Some((pipeline, coupling)) = world.coupling_of(app) else {
        return crate::cli::engine_error(out, world, error);
    };
    out.out(format!("Fetching apps from {}...", pipeline.name));
    let message = crate::cli::errors::message(error);
    match error {
        EngineError::PromoteToSelf { .. } | EngineError::TargetNotInPipeline { .. } => {
            out.note_failure(error.kind(), &message);
            out.err(format!("    AssertionError: {message}"));
            out.err("    Code: ERR_ASSERTION");
        }
        EngineError::CannotPromoteFrom { .. } | EngineError::NoDownstreamApps { .. } => crate::cli::engine_error(out, world, error),
        _ => {
            match targets {
                Some(names) => out.out(format!("Starting promotion to apps: {}...", names.join(","))),
                None => out.out(format!("Starting promotion to {}...", coupling.stage.downstream().map_or("", Stage::name))),
            }
            crate::cli::engine_error(out, world, error);
        }
    }
}
