//! `heroku releases`, `releases:info`, `releases:output`, `releases:retry`
//! and Release Lab's own `releases:diff`.

use super::app_or_fail;
use crate::cli::args::Args;
use crate::cli::effect::{ErrorKind, Resource};
use crate::cli::format::{app_label, classic_when, config_rows, header, modern_when, shell_quote, styled_object, table};
use crate::cli::output::Output;
use crate::cli::parse_version;
use crate::cli::api;
use crate::cli::json::Json;
use crate::engine::app::App;
use crate::engine::diff::ReleaseDiff;
use crate::engine::release::{Release, Status, Style};
use crate::engine::{Action, EngineError, Outcome, World};

/// `v12`, `12` or a release id; anything else is not found.
pub fn find_release<'a>(app: &'a App, text: &str) -> Result<&'a Release, EngineError> {
    let by_version = parse_version(text).and_then(|v| app.release(v));
    by_version
        .or_else(|| app.releases.iter().rev().take(1000).find(|r| r.id.eq_ignore_ascii_case(text)))
        .ok_or(EngineError::ReleaseNotFound)
}

/// The release named by the first argument, or the latest one.
fn target<'a>(world: &World, app: &'a App, args: &Args, out: &mut Output) -> Option<&'a Release> {
    let found = match args.positionals.first() {
        Some(text) => find_release(app, text),
        None => app.latest().ok_or_else(|| EngineError::NoReleases { app: app.name.clone() }),
    };
    found.map_err(|e| crate::cli::engine_error(out, world, &e)).ok()
}

fn with_status(description: String, status: Status) -> String {
    match status.cli_text() {
        "" => description,
        text => format!("{description} {text}"),
    }
}

pub fn list(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app) else { return out };
    let style = world.style;
    let count = match args.value("num") {
        None => 15,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                out.fail(style, ErrorKind::Invalid { field: "num" }, format!("Expected a positive integer for --num but received: {text}"));
                return out;
            }
        },
    };
    let shown: Vec<&Release> = app.releases.iter().rev().take(count).collect();
    if args.has("json") {
        out.out(Json::List(shown.iter().map(|r| api::release(world, app, r)).collect()).pretty());
        return out;
    }
    if shown.is_empty() {
        out.out(format!("{} has no releases.", app_label(style, &app.name)));
        return out;
    }
    match style {
        Style::Modern => {
            let mut title = format!("{} Releases", app_label(style, &app.name));
            if let Some(current) = shown.iter().find(|r| app.current == Some(r.version)) {
                title.push_str(&format!(" - Current: v{}", current.version));
            }
            out.out(header(&title));
            let rows: Vec<Vec<String>> = shown
                .iter()
                .map(|r| {
                    vec![
                        format!("v{}", r.version),
                        with_status(r.change.description(style), r.status),
                        r.user.clone(),
                        modern_when(&world.clock, r.created_at),
                    ]
                })
                .collect();
            out.out(table(&["v", "description", "user", "created_at"], &rows));
        }
        Style::Classic => {
            out.out("Rel   Change                          By                    When");
            out.out("----  ----------------------          ----------            ----------");
            for r in shown {
                let status = match r.status.cli_text() {
                    "" => String::new(),
                    text => format!(" ({text})"),
                };
                let change = format!("{}{status}", r.change.description(style));
                let line = format!(
                    "{:<4}  {:<30}  {:<20}  {:<25}",
                    format!("v{}", r.version),
                    truncate(&change, 30),
                    truncate(&r.user, 20),
                    classic_when(&world.clock, r.created_at)
                );
                out.out(line.trim_end());
            }
        }
    }
    out
}

/// The 2010 CLI's `truncate`: cut to `length` with `...`.
fn truncate(text: &str, length: usize) -> String {
    if text.chars().count() > length {
        format!("{}...", text.chars().take(length - 3).collect::<String>())
    } else {
        text.to_string()
    }
}

pub fn info(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app) else { return out };
    let Some(release) = target(world, app, args, &mut out) else { return out };
    let style = world.style;
    if args.has("json") {
        out.out(api::release(world, app, release).pretty());
        return out;
    }
    let vars = app.config.vars(release.config);
    let mut change = release.change.description(style);
    if !release.status.cli_text().is_empty() {
        change.push_str(&format!(" ({})", release.status.cli_text()));
    }
    match style {
        Style::Modern => {
            out.out(header(&format!("Release v{}", release.version)));
            out.out(styled_object(&[
                ("Add-ons", release.addon_plan_names.to_vec()),
                ("By", vec![release.user.clone()]),
                ("Change", vec![change]),
                ("Eligible for Rollback?", vec![if release.eligible_for_rollback() { "Yes" } else { "No" }.to_string()]),
                ("When", vec![release.created_at.rfc3339_utc()]),
            ]));
            out.out("");
            out.out(header(&format!("v{} Config vars", release.version)));
            if args.has("shell") {
                for (key, value) in vars.iter() {
                    out.out(format!("{key}={}", shell_quote(value)));
                }
            } else {
                // An empty styledObject still prints its line.
                out.out(styled_object(&config_rows(vars)));
            }
        }
        Style::Classic => {
            out.out(format!("=== Release v{}", release.version));
            let line = |label: &str, value: &str| format!("{:<12} {value}", format!("{label}:")).trim_end().to_string();
            out.out(line("Change", &change));
            out.out(line("By", &release.user));
            out.out(line("When", &classic_when(&world.clock, release.created_at)));
            out.out(line("Addons", &release.addon_plan_names.join(", ")));
            if args.has("shell") {
                for (key, value) in vars.iter() {
                    out.out(format!("{key}={value}"));
                }
            } else {
                let width = vars.keys().map(|k| k.len()).max().unwrap_or(0);
                for (index, (key, value)) in vars.iter().enumerate() {
                    let lead = if index == 0 { "Config:" } else { "       " };
                    out.out(format!("{lead}      {key:<width$} => {value}"));
                }
            }
        }
    }
    out
}

pub fn output(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app) else { return out };
    let Some(release) = target(world, app, args, &mut out) else { return out };
    match &release.release_phase {
        None => out.warn(world.style, format!("Release v{} has no release output available.", release.version)),
        Some(phase) => {
            for line in phase.output() {
                out.out(line);
            }
        }
    }
    out
}

pub fn retry(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let Some(Outcome::Retried { of, version, .. }) = crate::cli::execute(world, &mut out, Action::Retry { app: app.clone() }) else {
        return out;
    };
    out.err(format!("Retrying v{of} on {}... done, v{version}", app_label(style, &app)));
    stream_release_output(world, &app, version, &mut out);
    out
}

/// `Running release command...` and the command's output, as the CLI streams it.
pub fn stream_release_output(world: &World, app: &str, version: u32, out: &mut Output) {
    let phase = world.app(app).ok().and_then(|a| a.release(version)).and_then(|r| r.release_phase.as_ref());
    if let Some(phase) = phase {
        out.out("Running release command...");
        for line in phase.output() {
            out.out(line);
        }
    }
}

pub fn diff(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let versions: Vec<Option<u32>> = args.positionals.iter().map(|p| parse_version(p)).collect();
    let (Some(from), Some(to)) = (versions[0], versions[1]) else {
        out.fail(world.style, ErrorKind::NotFound { what: Resource::Release }, "Couldn't find that release.");
        return out;
    };
    match world.diff_releases(&app, from, to) {
        Ok(diff) => {
            out.out(header(&format!("{} v{from} → v{to}", app_label(world.style, &app))));
            out.out(styled_object(&diff_rows(&diff, true)));
        }
        Err(error) => crate::cli::engine_error(&mut out, world, &error),
    }
    out
}

/// The rows of a diff, for `releases:diff` and the rollback preview.
pub fn diff_rows(diff: &ReleaseDiff, with_plans: bool) -> Vec<(&'static str, Vec<String>)> {
    let mut rows = vec![(
        "Releases",
        vec![
            format!("v{} {} ({})", diff.from, diff.from_description, diff.from_status.as_str()),
            format!("v{} {} ({})", diff.to, diff.to_description, diff.to_status.as_str()),
        ],
    )];
    let side = |side: &Option<crate::engine::diff::CodeSide>| match side {
        Some(code) => format!("{} {}{}", code.commit.get(..7).unwrap_or(&code.commit), code.subject, if code.expired { " [expired]" } else { "" }),
        None => "(nothing deployed)".to_string(),
    };
    rows.push(("Code", vec![match &diff.code {
        None => "unchanged".to_string(),
        Some((from, to)) => format!("{} → {}", side(from), side(to)),
    }]));
    if with_plans {
        let mut plans: Vec<String> = diff.plans_added.iter().map(|p| format!("+ {p}")).collect();
        plans.extend(diff.plans_removed.iter().map(|p| format!("- {p}")));
        if plans.is_empty() {
            plans.push("unchanged".to_string());
        }
        rows.push(("Add-on plans", plans));
    }
    let mut config: Vec<String> = diff.config.added.iter().map(|(k, v)| format!("+ {k}={v}")).collect();
    config.extend(diff.config.removed.iter().map(|(k, v)| format!("- {k}={v}")));
    config.extend(diff.config.changed.iter().map(|(k, old, new)| format!("~ {k}={old} → {new}")));
    if config.is_empty() {
        config.push("unchanged".to_string());
    }
    rows.push(("Config vars", config));
    rows
}
