//! `sim …`: Release Lab's own commands to stage any situation.

use crate::cli::args::Args;
use crate::cli::effect::ErrorKind;
use crate::cli::format::app_label;
use crate::cli::output::Output;
use crate::engine::release::{Status, Style};
use crate::engine::retention::RetentionPolicy;
use crate::engine::time::parse_duration;
use crate::engine::world::SCHEMA_VERSION;
use crate::engine::{Action, Outcome, Setting, TimedEvent, World};

pub fn dispatch(world: &mut World, name: &str, args: &Args) -> Output {
    let mut out = Output::new();
    let style = world.style;
    let argument = args.positionals.first().cloned().unwrap_or_default();
    let app = || crate::cli::resolve_app(world, args);
    let action = match name {
        "status" => return status(world),
        // `session::History` runs these; a bare world has no history to use.
        "undo" | "redo" => return usage(&mut out, ErrorKind::Unavailable, format!("sim {name}: only a session (the terminal, a script) keeps the history to {name} with.")),
        "clock" => Action::SetClock { rfc3339: argument },
        "advance" => match parse_duration(&argument) {
            Some(secs) => Action::Advance { secs },
            None => return usage(&mut out, ErrorKind::Invalid { field: "duration" }, format!("sim advance: {argument} is not a duration; use N followed by s, m, h, d or w, e.g. 31d.")),
        },
        "user" => Action::SetUser { email: argument },
        "style" => match Style::parse(&argument) {
            Some(style) => Action::SetStyle { style },
            None => return usage(&mut out, ErrorKind::Invalid { field: "style" }, format!("sim style: expected modern or classic, not {argument}.")),
        },
        "seed" => match argument.parse::<u64>() {
            Ok(seed) => Action::Seed { seed },
            Err(_) => return usage(&mut out, ErrorKind::Invalid { field: "seed" }, format!("sim seed: {argument} is not a whole number.")),
        },
        "addon-update" => Action::RotateAddon { addon: argument },
        "rules" => match argument.parse::<u32>() {
            Ok(schema @ 1..=SCHEMA_VERSION) => Action::SetRules { schema },
            _ => return usage(&mut out, ErrorKind::Invalid { field: "rules" }, format!("sim rules: expected 1, 2 or {SCHEMA_VERSION}, not {argument}.")),
        },
        _ => {
            let app = match app() {
                Ok(app) => app,
                Err(failure) => {
                    return usage(&mut out, failure.kind, format!("sim {name}: {}", failure.message.replace('\n', ". ")))
                }
            };
            out.effect.app = Some(app.clone());
            match name {
                "retention" => match RetentionPolicy::parse(&argument) {
                    Some(policy) => Action::SetRetention { app, policy },
                    None => return usage(&mut out, ErrorKind::Invalid { field: "retention" }, format!("sim retention: expected fir-2024, all-2025 or unlimited, not {argument}.")),
                },
                "release-phase" if argument == "off" => Action::SetReleasePhase { app, command: None },
                "release-phase" => Action::SetReleasePhase { app, command: Some(argument) },
                "fail" => match argument.as_str() {
                    "next-build" => Action::FailNextBuild { app },
                    "next-release" => Action::FailNextRelease { app },
                    other => return usage(&mut out, ErrorKind::Invalid { field: "fail" }, format!("sim fail: expected next-build or next-release, not {other}.")),
                },
                other => return usage(&mut out, ErrorKind::UnknownCommand, format!("sim: unknown setting '{other}'.")),
            }
        }
    };
    match crate::cli::try_execute(world, &mut out, action) {
        Ok(Outcome::SettingChanged(setting)) => out.out(setting_text(&setting)),
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
        Err(error) => out.fail_raw(error.kind(), format!("sim: {}", crate::cli::errors::message(&error))),
    }
    out
}

fn usage(out: &mut Output, kind: ErrorKind, message: String) -> Output {
    out.fail_raw(kind, message);
    std::mem::take(out)
}

/// What `sim` prints once a setting has changed.
fn setting_text(setting: &Setting) -> String {
    match setting {
        Setting::User { email } => format!("Acting as {email}"),
        Setting::Style(Style::Modern) => "Output style: modern (heroku CLI v11)".to_string(),
        Setting::Style(Style::Classic) => "Output style: classic (Dev Center, 2010 CLI)".to_string(),
        Setting::Retention { app, policy, expired } => {
            let mut text = format!("Retention policy for {app}: {} ({})", policy.name(), policy.summary());
            if !expired.is_empty() {
                text.push_str(&format!("\nExpired now: {}", versions_text(expired)));
            }
            text
        }
        Setting::ReleasePhase { app, command: Some(command) } => format!("{app} declares a release phase: release: {command}"),
        Setting::ReleasePhase { app, command: None } => format!("{app} has no release phase"),
        Setting::Procfile { app, command } => {
            let line = command.as_ref().map_or("no release command".to_string(), |c| format!("release: {c}"));
            format!("Procfile of {app}: {line}. Commit and push to deploy it.")
        }
        Setting::FailNextBuild { app } => format!("The next build of {app} will fail"),
        Setting::FailNextRelease { app } => format!("The next release command of {app} will fail"),
        Setting::Seed(seed) => format!("Random seed: {seed}"),
        Setting::Rules(schema) => format!("Rules: {schema}"),
    }
}

/// `v1, v2, v5` or, for long runs, `v1-v40, v45`.
pub fn versions_text(versions: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < versions.len() {
        let start = versions[index];
        let mut end = start;
        while index + 1 < versions.len() && versions[index + 1] == end + 1 {
            index += 1;
            end = versions[index];
        }
        parts.push(if end >= start + 2 { format!("v{start}-v{end}") } else if end == start + 1 { format!("v{start}, v{end}") } else { format!("v{start}") });
        index += 1;
    }
    parts.join(", ")
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
            TimedEvent::RetentionChanged { app } => {
                out.out(format!("{}: retention is now all-2025, as for every generation from 2025-10-01", app_label(style, app)));
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
    if world.schema_version != SCHEMA_VERSION {
        out.out(format!("Rules:  {} (see help sim)", world.schema_version));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ranges() {
        assert_eq!(versions_text(&[1, 2, 3, 5, 7, 8]), "v1-v3, v5, v7, v8");
    }
}
