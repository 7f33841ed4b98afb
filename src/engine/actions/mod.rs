//! One file per action, each validating everything before it changes anything.

pub mod addon_attach;
pub mod addon_create;
pub mod addon_destroy;
pub mod addon_detach;
pub mod addon_rotate;
pub mod addon_upgrade;
pub mod clock;
pub mod commit;
pub mod config_set;
pub mod config_unset;
pub mod create_app;
pub mod destroy_app;
pub mod pipeline_couple;
pub mod promote;
pub mod push;
pub mod retry;
pub mod revert;
pub mod rollback;
pub mod settings;

use super::addons::{Addon, Attachment, Service, ALIAS_COLOURS};
use super::app::{App, NewRelease};
use super::config::ConfigPatch;
use super::error::EngineError;
use super::release::Change;
use super::world::{TimedEvent, World};

/// Appends a release that applies `patch` to the app's config and keeps its code.
pub(crate) fn release_config_change(
    world: &mut World,
    app_name: &str,
    change: Change,
    patch: &ConfigPatch,
    user: String,
    runs_release_phase: bool,
) -> Result<u32, EngineError> {
    let plans = world.plan_names_for(world.app(app_name)?);
    let app = world.app_mut(app_name)?;
    let config = app.config.derive(app.head_config(), patch);
    let artifact = app.head_artifact();
    append_release(world, app_name, NewRelease { change, user, artifact, config, addon_plan_names: plans, runs_release_phase })
}

/// Appends `new` to the app at the world's time and returns its version.
pub(crate) fn append_release(world: &mut World, app_name: &str, new: NewRelease) -> Result<u32, EngineError> {
    let now = world.now();
    let World { apps, rng, .. } = world;
    let app = apps.iter_mut().find(|a| a.name == app_name).ok_or(EngineError::AppNotFound)?;
    Ok(app.create_release(new, now, rng))
}

/// `--confirm APP` must name the app the command affects.
pub(crate) fn check_confirmation(app: &str, confirm: Option<String>) -> Result<(), EngineError> {
    match confirm {
        None => Err(EngineError::ConfirmationRequired { app: app.to_string() }),
        Some(given) if given != app => Err(EngineError::ConfirmationMismatch { given, app: app.to_string() }),
        Some(_) => Ok(()),
    }
}

/// A `Detach` release on the attachment's app that unsets the attachment's vars.
pub(crate) fn detach_release(world: &mut World, addon: &Addon, attachment: &Attachment, user: String) -> Result<u32, EngineError> {
    let patch: ConfigPatch = addon.vars_for(&attachment.name).into_iter().map(|(k, _)| (k, None)).collect();
    let change = Change::Detach { attachment: attachment.name.clone(), addon: addon.name.clone() };
    release_config_change(world, &attachment.app, change, &patch, user, true)
}

/// Waits, as the CLI does while it streams release output, until the
/// release command of `version` has finished.
pub(crate) fn wait_for_release_phase(world: &mut World, app: &str, version: u32) -> Vec<TimedEvent> {
    let finishes_at = world
        .app(app)
        .ok()
        .and_then(|a| a.release(version))
        .and_then(|r| r.release_phase.as_ref())
        .filter(|p| !p.finished)
        .map(|p| p.finishes_at);
    match finishes_at {
        Some(at) => world.advance_to(at),
        None => Vec::new(),
    }
}

/// `[A-Za-z][A-Za-z0-9_]*`: an attachment name must make valid config var keys.
pub(crate) fn check_attachment_name(name: &str) -> Result<(), EngineError> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(EngineError::AttachmentNameInvalid { name: name.to_string() })
    }
}

/// Refuses a config change to vars that the app's add-on attachments give
/// it (Heroku: "Cannot overwrite attachment values …"), in worlds of the
/// rules that know it; the original rules let them be set and unset.
pub(crate) fn check_not_attachment_vars(world: &World, app: &str, keys: &[String]) -> Result<(), EngineError> {
    if !world.follows(crate::engine::world::schema::API_ORACLE) {
        return Ok(());
    }
    // Plain loops: this runs in the browser, where iterator chains cost the wasm.
    let mut owned: Vec<String> = Vec::new();
    for addon in &world.addons {
        for attachment in &addon.attachments {
            if attachment.app == app {
                owned.extend(attachment.var_names(addon.service()));
            }
        }
    }
    owned.retain(|var| keys.contains(var));
    if owned.is_empty() {
        Ok(())
    } else {
        Err(EngineError::AttachmentVars { keys: owned })
    }
}

/// Under `schema::CODE_AND_CALENDAR`, an attachment whose vars would
/// replace config vars the app has needs `--confirm APP`, as Heroku asks.
pub(crate) fn check_overwrite(world: &World, app: &App, vars: Vec<String>, confirm: Option<String>) -> Result<(), EngineError> {
    if !world.follows(crate::engine::world::schema::CODE_AND_CALENDAR) || confirm.as_deref() == Some(app.name.as_str()) {
        return Ok(());
    }
    let existing = app.config_vars();
    let mut keys = vars;
    keys.retain(|key| existing.contains_key(key.as_str()));
    if keys.is_empty() {
        Ok(())
    } else {
        Err(EngineError::WouldOverwriteVars { app: app.name.clone(), keys, given: confirm })
    }
}

pub(crate) fn attachment_taken(world: &World, app: &str, name: &str) -> bool {
    world.addons.iter().any(|addon| addon.attachments_on(app).any(|a| a.name.eq_ignore_ascii_case(name)))
}

/// The attachment name to use: the one given, else the service's default,
/// else a colour alias such as `HEROKU_POSTGRESQL_AMBER`.
pub(crate) fn choose_attachment_name(
    world: &World,
    app: &App,
    service: &Service,
    requested: Option<String>,
) -> Result<String, EngineError> {
    if let Some(name) = requested {
        check_attachment_name(&name)?;
        if attachment_taken(world, &app.name, &name) {
            return Err(EngineError::AttachmentExists { name, app: app.name.clone() });
        }
        return Ok(name);
    }
    if !attachment_taken(world, &app.name, service.default_attachment) {
        return Ok(service.default_attachment.to_string());
    }
    let prefix = format!("HEROKU_{}", service.resource_prefix.to_ascii_uppercase());
    ALIAS_COLOURS
        .iter()
        .map(|colour| format!("{prefix}_{colour}"))
        .find(|name| !attachment_taken(world, &app.name, name))
        .ok_or_else(|| EngineError::NoFreeAttachmentName { app: app.name.clone() })
}

/// The add-ons of `service` attached to `app`: what a service name means.
pub(crate) fn addons_of_service<'w: 'a, 'a>(world: &'w World, app: &'a str, service: &'a str) -> impl Iterator<Item = &'w Addon> + 'a {
    world.addons.iter().filter(move |a| a.service == service && a.attachments_on(app).next().is_some())
}

/// Finds an add-on by resource name, or by service name when the app has exactly one of it.
pub(crate) fn find_addon<'w>(world: &'w World, app: &str, name: &str) -> Result<&'w Addon, EngineError> {
    if let Ok(addon) = world.addon(name) {
        return Ok(addon);
    }
    let mut by_service = addons_of_service(world, app, name);
    match (by_service.next(), by_service.next()) {
        (Some(addon), None) => Ok(addon),
        (Some(_), Some(_)) => Err(EngineError::AmbiguousAddon { name: name.to_string() }),
        _ => Err(EngineError::AddonNotFound),
    }
}
