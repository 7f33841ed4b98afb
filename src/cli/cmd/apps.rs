//! `heroku create`, `heroku apps`, `heroku apps:info`.

use super::app_or_fail;
use crate::cli::api;
use crate::cli::json::Json;
use crate::cli::args::Args;
use crate::cli::effect::ErrorKind;
use crate::cli::format::{app_label, header, styled_object, table};
use crate::cli::output::Output;
use crate::engine::app::{App, Generation};
use crate::engine::release::Style;
use crate::engine::{Action, Outcome, World};

pub fn create(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let generation = match args.value("generation") {
        None => Generation::Cedar,
        Some(text) => match Generation::parse(text) {
            Some(g) => g,
            None => {
                out.fail(world.style, ErrorKind::Invalid { field: "generation" }, format!("Expected --generation to be cedar or fir, not \"{text}\"."));
                return out;
            }
        },
    };
    let name = args.positionals.first().cloned();
    let given = name.is_some();
    let Some(Outcome::AppCreated { app, .. }) = crate::cli::execute(world, &mut out, Action::CreateApp { name, generation }) else {
        return out;
    };
    out.effect.app = Some(app.clone());
    let style = world.style;
    let Ok(created) = world.app(&app) else { return out };
    match style {
        Style::Modern => {
            let action = if given { format!("Creating {}... done", app_label(style, &app)) } else { format!("Creating app... done, {}", app_label(style, &app)) };
            out.err(action);
            out.out(format!("{} | {}", created.web_url(), created.git_url()));
        }
        Style::Classic => {
            out.err(format!("Creating {app}... done, stack is cedar"));
            out.out(format!("http://{app}.herokuapp.com/ | git@heroku.com:{app}.git"));
        }
    }
    out
}

pub fn list(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let mut names: Vec<&str> = world.apps.iter().map(|a| a.name.as_str()).collect();
    crate::cli::sort_small(&mut names, |a, b| a < b);
    if args.has("json") {
        // Sorted by name, as the CLI sorts what the API returns (the names
        // sorted above: another sort would cost the wasm its own copy).
        let apps = names.iter().filter_map(|name| world.apps.iter().find(|a| a.name == *name)).map(api::app).collect();
        out.out(Json::List(apps).pretty());
        return out;
    }
    if names.is_empty() {
        out.out("You have no apps.");
        return out;
    }
    // Apps another user owns are listed apart, with their owner.
    let mut own = Vec::new();
    let mut collaborated: Vec<Vec<String>> = Vec::new();
    for name in names {
        let owner = world.apps.iter().find(|a| a.name == name).map_or("", |a| a.owner.as_str());
        if owner == world.user {
            own.push(app_label(world.style, name));
        } else {
            collaborated.push(vec![app_label(world.style, name), owner.to_string()]);
        }
    }
    if !own.is_empty() {
        out.out(header(&format!("{} Apps", world.user)));
        out.out(own.join("\n"));
    }
    if !collaborated.is_empty() {
        out.out("\nCollaborated Apps\n");
        out.out(table(&["Name", "Email"], &collaborated));
    }
    out
}

pub fn destroy(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let style = world.style;
    let app = match args.positionals.first() {
        Some(name) => name.clone(),
        None => app_or_fail!(world, args, out),
    };
    if world.app(&app).is_ok() {
        out.effect.app = Some(app.clone());
    }
    let action = Action::DestroyApp { app: app.clone(), confirm: args.value("confirm").map(String::from) };
    match crate::cli::try_execute(world, &mut out, action) {
        Ok(_) => out.err(format!("Destroying {} (including all add-ons)... done", app_label(style, &app))),
        Err(error @ crate::engine::EngineError::ConfirmationRequired { .. }) => {
            out.warn(style, format!("This will delete {} including all add-ons.", app_label(style, &app)));
            crate::cli::engine_error(&mut out, world, &error);
        }
        Err(error) => crate::cli::engine_error(&mut out, world, &error),
    }
    out
}

pub fn info(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let name = match args.positionals.first() {
        Some(name) => name.clone(),
        None => app_or_fail!(world, args, out),
    };
    let app = match world.app(&name) {
        Ok(app) => {
            out.effect.app = Some(app.name.clone());
            app
        }
        Err(error) => {
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
    };
    if args.has("json") {
        out.out(api::app_info(world, app).pretty());
        return out;
    }
    // The plans of the app's add-ons (`GET /apps/{app}/addons`), as `apps:info` lists them.
    let addons: Vec<String> =
        api::app_addons(world, &app.name).map(|a| a.plan_name()).collect();
    let deployed = app.repo.remote_head.is_some();
    let mut rows = vec![
        ("Addons", addons),
        ("Auto Cert Mgmt", vec!["false".to_string()]),
        ("Git URL", vec![app.git_url()]),
        ("Web URL", vec![app.web_url()]),
        ("Repo Size", vec![format!("{} B", repo_size(app))]),
    ];
    if app.generation == Generation::Cedar {
        rows.push(("Slug Size", vec![human_size(slug_size(app))]));
    }
    rows.push(("Owner", vec![app.owner.clone()]));
    rows.push(("Region", vec!["us".to_string()]));
    rows.push(("Dynos", if deployed { vec!["web: 1".to_string()] } else { vec![] }));
    rows.push(("Stack", vec!["heroku-24".to_string()]));
    out.out(header(&app_label(world.style, &app.name)));
    out.out(styled_object(&rows));
    out
}

/// Bytes in the simulated repository: 250 per commit.
pub fn repo_size(app: &App) -> u64 {
    app.repo.commits.len() as u64 * 250
}

/// The current release's slug or image, in bytes (0 before a deploy).
pub fn slug_size(app: &App) -> u64 {
    app.current_release().and_then(|r| r.artifact).map(|id| app.artifact(id).size_bytes).unwrap_or(0)
}

/// `52 MB`, jedec units rounded, as `filesize(…, {round: 0})`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut unit = 0;
    let mut divisor: u64 = 1;
    while bytes / divisor >= 1024 && unit < UNITS.len() - 1 {
        divisor *= 1024;
        unit += 1;
    }
    format!("{} {}", (bytes * 2 + divisor) / (2 * divisor), UNITS[unit])
}
