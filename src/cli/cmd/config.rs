//! `heroku config`, `config:get`, `config:set`, `config:unset`.

use super::app_or_fail;
use crate::cli::api::config_value;
use crate::cli::json::Json;
use crate::cli::args::Args;
use crate::cli::effect::ErrorKind;
use crate::cli::errors;
use crate::engine::config::reserved;
use crate::cli::format::{app_label, config_rows, header, shell_quote, styled_object};
use crate::cli::output::Output;
use crate::engine::release::{Status, Style};
use crate::engine::{Action, Outcome, World};

pub fn show(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app) else { return out };
    let vars = app.config_vars();
    if args.has("shell") {
        for (key, value) in vars.iter() {
            out.out(format!("{key}={}", shell_quote(value)));
        }
    } else if args.has("json") {
        out.out(Json::Map(vars.iter().map(|(k, v)| (k.to_string(), Json::from(&**v))).collect()).pretty());
    } else {
        out.out(header(&format!("{} Config Vars", app_label(world.style, &app.name))));
        let rows = config_rows(vars);
        // The CLI's empty styledObject still prints its (empty) line.
        if !rows.is_empty() || world.style == Style::Modern {
            out.out(styled_object(&rows));
        }
    }
    out
}

pub fn get(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app) else { return out };
    let vars = app.config_vars();
    if args.has("json") {
        let mut results: Vec<Json> = args.positionals.iter().map(|key| config_value(key, vars.get(key.as_str()).map(|v| &**v))).collect();
        let shown = match results.len() {
            1 => results.remove(0),
            _ => Json::List(results),
        };
        out.out(shown.pretty());
        return out;
    }
    for key in &args.positionals {
        let value = vars.get(key.as_str()).map(|v| &**v).unwrap_or("");
        if args.has("shell") {
            out.out(format!("{key}={}", shell_quote(value)));
        } else {
            out.out(value);
        }
    }
    out
}

/// Heroku's warning (a response header the CLI prints) when a config change waits on the release command.
pub const RELEASE_COMMAND_EXECUTING: &str =
    "Release command executing: this config change will not be available until the command succeeds. Use `heroku releases:output` to view the log.";

/// The CLI's warning when a config change waits on the release command.
fn release_phase_warning(world: &World, app: &str, version: Option<u32>, out: &mut Output) {
    let pending = version.and_then(|v| world.app(app).ok()?.release(v)).is_some_and(|r| r.status == Status::Pending);
    if pending {
        out.warn(world.style, RELEASE_COMMAND_EXECUTING);
    }
}

pub fn set(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let mut vars = Vec::new();
    for word in &args.positionals {
        match word.split_once('=') {
            Some((key, value)) => vars.push((key.to_string(), value.to_string())),
            None => {
                out.fail(world.style, ErrorKind::Invalid { field: "config_vars" }, format!("{word} is invalid. Must be in the format FOO=bar."));
                return out;
            }
        }
    }
    let typed: Vec<&str> = vars.iter().map(|(key, _)| key.as_str()).collect();
    let title = format!("Setting {} and restarting {}", typed.join(", "), app_label(world.style, &app));
    let Some(Outcome::ConfigSet { keys, version, .. }) = crate::cli::execute_titled(world, &mut out, Action::SetConfig { app: app.clone(), vars }, &title) else {
        return out;
    };
    let style = world.style;
    // Nothing changed, so no release: the CLI still prints its usual lines,
    // naming the newest release it reads back after the request.
    let made = version.is_some();
    let version = version.unwrap_or_else(|| newest_version(world, &app));
    let vars = world.app(&app).map(|a| a.config_vars().clone()).unwrap_or_default();
    // The CLI echoes the API's answer, all the app's vars in key order,
    // keeping those it set to a non-empty value.
    let set: Vec<(&str, Vec<String>)> = vars
        .iter()
        .filter(|(k, v)| !v.is_empty() && keys.iter().any(|key| **key == ***k))
        .map(|(k, v)| (&**k, vec![v.to_string()]))
        .collect();
    match style {
        Style::Modern => {
            out.err(format!("Setting {} and restarting {}... done, v{version}", keys.join(", "), app_label(style, &app)));
            if made {
                release_phase_warning(world, &app, Some(version), &mut out);
            }
            reserved_warnings(&keys, style, &mut out);
            if !set.is_empty() {
                out.out(styled_object(&set));
            }
        }
        Style::Classic => {
            out.err(format!("Adding config vars and restarting {app}... done, v{version}"));
            reserved_warnings(&keys, style, &mut out);
            let width = set.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (key, value) in set {
                out.out(format!("  {key:<width$} => {}", value.join("")));
            }
        }
    }
    out
}

/// `heroku config:patch KEY=VALUE... KEY...` (a Release Lab extension):
/// sets and unsets in one release, as one API PATCH does (on Heroku,
/// `heroku config:edit` sends one).
pub fn patch(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    if args.positionals.is_empty() {
        out.fail(world.style, ErrorKind::Usage, "Usage: heroku config:patch KEY=VALUE... KEY...\nName a var to set (KEY=VALUE) or unset (KEY).");
        return out;
    }
    let changes: Vec<(String, Option<String>)> = args
        .positionals
        .iter()
        .map(|word| match word.split_once('=') {
            Some((key, value)) => (key.to_string(), Some(value.to_string())),
            None => (word.clone(), None),
        })
        .collect();
    let keys: Vec<&str> = changes.iter().map(|(key, _)| key.as_str()).collect();
    let title = format!("Updating {} and restarting {}", keys.join(", "), app_label(world.style, &app));
    let Some(Outcome::ConfigSet { version, .. }) = crate::cli::execute_titled(world, &mut out, Action::PatchConfig { app: app.clone(), changes }, &title) else {
        return out;
    };
    let shown = version.unwrap_or_else(|| newest_version(world, &app));
    out.err(format!("{title}... done, v{shown}"));
    if version.is_some() {
        release_phase_warning(world, &app, version, &mut out);
    }
    out
}

/// Release Lab's warning for each key set in a namespace Heroku reserves
/// (only worlds of the newer rules set them at all).
fn reserved_warnings(keys: &[String], style: Style, out: &mut Output) {
    for key in keys {
        if let Some(problem) = reserved(key) {
            out.warn(style, errors::reserved_warning(problem, key));
        }
    }
}

pub fn unset(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let action = Action::UnsetConfig { app: app.clone(), keys: args.positionals.clone() };
    let title = format!("Unsetting {} and restarting {}", args.positionals.join(", "), app_label(world.style, &app));
    let Some(Outcome::ConfigUnset { keys, version, .. }) = crate::cli::execute_titled(world, &mut out, action, &title) else {
        return out;
    };
    let style = world.style;
    // As for `set`: no change, no release, the CLI's usual line all the same.
    let shown = version.unwrap_or_else(|| newest_version(world, &app));
    out.err(format!("Unsetting {} and restarting {}... done, v{shown}", keys.join(", "), app_label(style, &app)));
    if version.is_some() {
        release_phase_warning(world, &app, version, &mut out);
    }
    out
}

/// The newest release's version (`Range: version ..; order=desc,max=1`), what the CLI prints after a config change.
fn newest_version(world: &World, app: &str) -> u32 {
    world.app(app).ok().and_then(|a| a.latest()).map_or(0, |r| r.version)
}
