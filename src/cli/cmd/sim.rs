//! `sim …`: Release Lab's own commands to stage any situation.

use crate::cli::args::Args;
use crate::cli::format::app_label;
use crate::cli::output::Output;
use crate::engine::actions::settings::versions_text;
use crate::engine::release::{Status, Style};
use crate::engine::retention::RetentionPolicy;
use crate::engine::time::parse_duration;
use crate::engine::{Action, Outcome, TimedEvent, World};

pub fn dispatch(world: &mut World, name: &str, args: &Args) -> Output {
    let mut out = Output::new();
    let style = world.style;
    let argument = args.positionals.first().cloned().unwrap_or_default();
    let app = || crate::cli::resolve_app(world, args);
    let action = match name {
        "status" => return status(world),
        // `session::History` runs these; a bare world has no history to use.
        "undo" | "redo" => return usage(&mut out, format!("sim {name}: only a session (the terminal, a script) keeps the history to {name} with.")),
        "clock" => Action::SetClock { rfc3339: argument },
        "advance" => match parse_duration(&argument) {
            Some(secs) => Action::Advance { secs },
            None => return usage(&mut out, format!("sim advance: {argument} is not a duration; use N followed by s, m, h, d or w, e.g. 31d.")),
        },
        "user" => Action::SetUser { email: argument },
        "style" => match Style::parse(&argument) {
            Some(style) => Action::SetStyle { style },
            None => return usage(&mut out, format!("sim style: expected modern or classic, not {argument}.")),
        },
        "seed" => match argument.parse::<u64>() {
            Ok(seed) => Action::Seed { seed },
            Err(_) => return usage(&mut out, format!("sim seed: {argument} is not a whole number.")),
        },
        "addon-update" => Action::RotateAddon { addon: argument },
        _ => {
            let app = match app() {
                Ok(app) => app,
                Err(message) => return usage(&mut out, format!("sim {name}: {}", message.replace('\n', ". "))),
            };
            match name {
                "retention" => match RetentionPolicy::parse(&argument) {
                    Some(policy) => Action::SetRetention { app, policy },
                    None => return usage(&mut out, format!("sim retention: expected fir-2024, all-2025 or unlimited, not {argument}.")),
                },
                "release-phase" if argument == "off" => Action::SetReleasePhase { app, command: None },
                "release-phase" => Action::SetReleasePhase { app, command: Some(argument) },
                "fail" => match argument.as_str() {
                    "next-build" => Action::FailNextBuild { app },
                    "next-release" => Action::FailNextRelease { app },
                    other => return usage(&mut out, format!("sim fail: expected next-build or next-release, not {other}.")),
                },
                other => return usage(&mut out, format!("sim: unknown setting '{other}'.")),
            }
        }
    };
    match world.execute(action) {
        Ok(Outcome::SettingChanged(text)) => out.out(text),
        Ok(Outcome::ClockMoved { from, to, events }) => {
            out.out(format!("Clock: {} → {}", clock_text(world, from), clock_text(world, to)));
            render_events(world, &events, &mut out);
        }
        Ok(Outcome::AddonRotated { addon, releases }) => {
            for (app, version) in releases {
                out.out(format!("{}: {addon} updated its config vars, v{version}", app_label(style, &app)));
            }
        }
        Ok(_) => {}
        Err(error) => out.fail_raw(format!("sim: {error}")),
    }
    out
}

fn usage(out: &mut Output, message: String) -> Output {
    out.fail_raw(message);
    std::mem::take(out)
}

fn clock_text(world: &World, at: crate::engine::time::Timestamp) -> String {
    world.clock.stamp(at, '-')
}

/// What happened while time passed, one line per event.
pub fn render_events(world: &World, events: &[TimedEvent], out: &mut Output) {
    let style = world.style;
    for event in events {
        match event {
            TimedEvent::ReleasePhaseFinished { app, version, status } => {
                let result = if *status == Status::Failed { "failed" } else { "succeeded" };
                out.out(format!("{}: v{version} release command {result}", app_label(style, app)));
            }
            TimedEvent::Provisioned { app, addon, version } => {
                out.out(format!("{}: {addon} finished provisioning, v{version}", app_label(style, app)));
            }
            TimedEvent::Expired { app, versions } => {
                let policy = world.app(app).map(|a| a.retention.name()).unwrap_or("retention");
                out.out(format!("{}: {} expired ({policy})", app_label(style, app), versions_text(versions)));
            }
        }
    }
}

fn status(world: &World) -> Output {
    let mut out = Output::new();
    let style = world.style.name();
    out.out(format!("Clock:  {}", world.clock.stamp(world.now(), '-')));
    out.out(format!("User:   {}", world.user));
    out.out(format!("Style:  {style}"));
    for app in &world.apps {
        let current = app.current.map(|v| format!("v{v}")).unwrap_or_else(|| "none".to_string());
        let phase = app.release_command.as_deref().map(|c| format!(", release: {c}")).unwrap_or_default();
        out.out(format!(
            "App:    {} ({}, retention {}, {} releases, current {current}{phase})",
            app.name,
            app.generation.name(),
            app.retention.name(),
            app.releases.len()
        ));
    }
    out
}
