//! `heroku addons` and `addons:create|attach|detach|destroy|upgrade`.

use super::app_or_fail;
use crate::cli::api::{self, app_addons};
use crate::cli::json::Json;
use crate::cli::args::Args;
use crate::cli::effect::ErrorKind;
use crate::cli::format::{addon_label, app_label, table};
use crate::cli::output::Output;
use crate::engine::addons::{self, AddonState};
use crate::engine::release::Style;
use crate::engine::{Action, EngineError, Outcome, TimedEvent, World};

pub fn list(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let mut mine: Vec<&addons::Addon> = app_addons(world, &app).collect();
    if args.has("json") {
        out.out(Json::List(mine.iter().map(|a| api::addon(world, a)).collect()).pretty());
        return out;
    }
    if mine.is_empty() {
        out.out(format!("No add-ons for app {app}."));
        return out;
    }
    // Foreign add-ons last, then by plan and name, as the CLI sorts them.
    crate::cli::sort_small(&mut mine, |a, b| (a.app != app, a.plan_name(), &a.name) < (b.app != app, b.plan_name(), &b.name));
    let rows: Vec<Vec<String>> = mine
        .iter()
        .map(|addon| {
            let mut attachments: Vec<&addons::Attachment> = addon.attachments.iter().collect();
            crate::cli::sort_small(&mut attachments, |x, y| (x.app != app, &x.app, &x.name) < (y.app != app, &y.app, &y.name));
            let mut cell = vec![format!("{} ({})", addon.service, addon.name)];
            for (index, attachment) in attachments.iter().enumerate() {
                let branch = if index + 1 == attachments.len() { "└─" } else { "├─" };
                let on = if attachment.app == app { String::new() } else { format!(" on {} app", app_label(style, &attachment.app)) };
                // The table's word wrap trims the CLI's leading space.
                cell.push(format!("{branch} as {}{on}", attachment.name));
            }
            let (price, max) = if addon.app == app {
                (addons::price_hourly(addon.cents()), addons::price_monthly(addon.cents()))
            } else {
                let billed = format!("(billed to {} app)", app_label(style, &addon.app));
                (billed.clone(), billed)
            };
            let state = match addon.state {
                AddonState::Provisioning => "creating",
                AddonState::Provisioned => "created",
            };
            // The CLI ends the cell with a newline: one more, empty, line.
            vec![format!("{}\n", cell.join("\n")), addon.plan.clone(), price, max, state.to_string()]
        })
        .collect();
    out.out("");
    out.out(table(&["Add-on", "Plan", "Price", "Max Price", "State"], &rows));
    out.out(format!("The table above shows add-ons and the attachments to the current app ({}) or other apps.\n  ", app_label(style, &app)));
    out
}

pub fn create(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    if args.has("name") {
        out.fail(style, ErrorKind::Invalid { field: "name" }, "--name is not supported in Release Lab: add-on names are generated, as Heroku does by default.");
        return out;
    }
    let requested = &args.positionals[0];
    let Some((service, plan)) = requested.split_once(':') else {
        let plans = addons::service(requested).map(|s| s.plan_names().join(", "));
        let hint = plans.map(|p| format!(" Plans: {p}.")).unwrap_or_default();
        out.fail(style, ErrorKind::Invalid { field: "plan" }, format!("Specify a plan as SERVICE:PLAN, e.g. heroku-postgresql:essential-0.{hint}"));
        return out;
    };
    let action = Action::CreateAddon {
        app: app.clone(),
        service: service.to_string(),
        plan: plan.to_string(),
        attachment: args.value("as").map(String::from),
        wait: args.has("wait"),
        confirm: args.value("confirm").map(String::from),
    };
    let title = format!("Creating {requested} on {}", app_label(style, &app));
    let Some(Outcome::AddonCreated { addon, version, waited, .. }) = crate::cli::execute_titled(world, &mut out, action, &title) else {
        return out;
    };
    let Ok(created) = world.addon(&addon) else { return out };
    let vars: Vec<String> = created.attachments.first().map(|a| a.var_names(created.service())).unwrap_or_default();
    let created_line = if vars.is_empty() { format!("Created {addon}") } else { format!("Created {addon} as {}", vars.join(", ")) };
    match style {
        Style::Classic => {
            out.err(format!("Adding {service}:{plan} on {app}... done, v{version} ({})", addons::price_monthly(created.cents())));
            if created.state == AddonState::Provisioning && created.service == "heroku-postgresql" {
                out.out("The database should be available in 3-5 minutes.");
            }
        }
        Style::Modern => {
            out.err(format!("Creating {service}:{plan} on {}... {}", app_label(style, &app), addons::price_text(created.cents())));
            let provisioned_while_waiting = waited.iter().any(|e| matches!(e, TimedEvent::Provisioned { addon: a, .. } if *a == addon));
            if created.service().in_background(world.schema_version) {
                if let Some(message) = created.service().provision_message {
                    out.out(message);
                }
                if provisioned_while_waiting {
                    out.out(format!("Waiting for {}...", addon_label(style, &addon)));
                    out.out(created_line);
                } else {
                    out.out(format!("{addon} is being created in the background. The app will restart when complete..."));
                    out.out(format!("Run heroku addons:info {addon} to check creation progress."));
                }
            } else {
                out.out(created_line);
            }
            out.out(format!("Run heroku addons:docs {service} to view documentation."));
        }
    }
    out
}

pub fn attach(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let requested = args.value("as").map(String::from);
    let confirm = args.value("confirm").map(String::from);
    let action = Action::AttachAddon { app: app.clone(), addon: args.positionals[0].clone(), attachment: requested.clone(), confirm };
    let as_text = requested.map(|name| format!(" as {name}")).unwrap_or_default();
    // The CLI looks the add-on up first; only the attachment request itself shows `... !`.
    let outcome = if world.addon(&args.positionals[0]).is_ok() {
        let title = format!("Attaching {}{as_text} to {}", addon_label(style, &args.positionals[0]), app_label(style, &app));
        crate::cli::execute_titled(world, &mut out, action, &title)
    } else {
        crate::cli::execute(world, &mut out, action)
    };
    let Some(Outcome::AddonAttached { addon, attachment, version, .. }) = outcome else {
        return out;
    };
    match style {
        Style::Modern => {
            out.err(format!("Attaching {}{as_text} to {}... done", addon_label(style, &addon), app_label(style, &app)));
            out.err(format!("Setting {attachment} config vars and restarting {}... done, v{version}", app_label(style, &app)));
        }
        Style::Classic => out.err(format!("Attaching {addon}{as_text} to {app}... done, v{version}")),
    }
    out
}

pub fn detach(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let action = Action::DetachAddon { app: app.clone(), attachment: args.positionals[0].clone() };
    let Some(Outcome::AddonDetached { addon, attachment, version, .. }) = crate::cli::execute(world, &mut out, action) else {
        return out;
    };
    match style {
        Style::Modern => {
            out.err(format!("Detaching {attachment} to {addon} from {}... done", app_label(style, &app)));
            out.err(format!("Unsetting {attachment} config vars and restarting {}... done, v{version}", app_label(style, &app)));
        }
        Style::Classic => out.err(format!("Detaching {attachment} from {app}... done, v{version}")),
    }
    out
}

pub fn destroy(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let action = Action::DestroyAddon { app: app.clone(), addon: args.positionals[0].clone(), confirm: args.value("confirm").map(String::from) };
    let (addon, releases) = match crate::cli::try_execute(world, &mut out, action) {
        Ok(Outcome::AddonDestroyed { addon, releases, .. }) => (addon, releases),
        Ok(_) => return out,
        Err(error @ EngineError::ConfirmationRequired { .. }) => {
            out.warn(style, format!("Destructive Action\nThis command will affect the app {}", app_label(style, &app)));
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
        Err(error) => {
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
    };
    let versions: Vec<String> = releases.iter().filter(|(a, _)| *a == app).map(|(_, v)| format!("v{v}")).collect();
    match style {
        Style::Modern => out.err(format!("Destroying {addon} on {}... done", app_label(style, &app))),
        Style::Classic => out.err(format!("Removing {addon} on {app}... done, {}", versions.join(", "))),
    }
    out
}

pub fn upgrade(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let style = world.style;
    let action = Action::UpgradeAddon { app: app.clone(), addon: args.positionals[0].clone(), plan: args.positionals[1].clone() };
    let outcome = match crate::cli::try_execute(world, &mut out, action) {
        Ok(outcome) => outcome,
        Err(error) => {
            // The CLI asks for the change, and the API refuses the plan the add-on already has.
            if let (Style::Modern, EngineError::SamePlan { addon, plan }) = (style, &error) {
                out.err(format!("Changing {addon} on {} from {plan} to {plan}... done", app_label(style, &app)));
            }
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
    };
    let Outcome::AddonUpgraded { addon, from, to, cents, releases, .. } = outcome else { return out };
    match style {
        Style::Modern => {
            out.err(format!("Changing {addon} on {} from {from} to {to}... done, {}", app_label(style, &app), addons::price_text(cents)))
        }
        Style::Classic => {
            let version = releases.iter().find(|(a, _)| *a == app).map(|(_, v)| format!(", v{v}")).unwrap_or_default();
            out.err(format!("Upgrading {addon} to {to} on {app}... done{version} ({})", addons::price_monthly(cents)))
        }
    }
    out
}
