//! `heroku rollback [RELEASE]`, with Release Lab's notice when add-on vars are stripped.

use super::app_or_fail;
use super::releases::{find_release, stream_release_output};
use crate::cli::args::Args;
use crate::cli::format::app_label;
use crate::cli::output::Output;
use crate::engine::diff::RollbackPreview;
use crate::engine::release::Style;
use crate::engine::{Action, EngineError, Outcome, World};

pub fn rollback(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = app_or_fail!(world, args, out);
    let target = match args.positionals.first() {
        None => None,
        Some(text) => {
            let found = world.app(&app).and_then(|a| find_release(a, text).map(|r| r.version));
            match found {
                Ok(version) => Some(version),
                Err(error) => {
                    crate::cli::engine_error(&mut out, world, &error);
                    return out;
                }
            }
        }
    };
    let style = world.style;
    let action = Action::Rollback { app: app.clone(), target };
    let outcome = match crate::cli::try_execute(world, &mut out, action) {
        Ok(outcome) => outcome,
        Err(error) => {
            // The CLI checks nothing itself: it starts the rollback, and the
            // API refuses an ineligible target.
            if let (Style::Modern, EngineError::NotEligible { version, .. }) = (style, &error) {
                out.err(format!("Rolling back {} to v{version}... !", app_label(style, &app)));
            }
            crate::cli::engine_error(&mut out, world, &error);
            return out;
        }
    };
    let Outcome::RolledBack { target, version, preview, .. } = outcome else { return out };
    match style {
        Style::Modern => {
            out.err(format!("Rolling back {} to v{target}... done, v{version}", app_label(style, &app)));
            out.warn(style, "Rollback affects code and config vars; it doesn't add or remove addons.");
            out.warn(style, format!("To undo, run: heroku rollback v{}", version - 1));
        }
        Style::Classic => out.out(format!("Rolled back to v{target}")),
    }
    addon_var_notice(&preview, style, &mut out);
    stream_release_output(world, &app, version, &mut out);
    out
}

/// Release Lab's addition: name the add-on vars a rollback took away or
/// turned back while their add-ons stay attached (heroku-pg#178).
pub fn addon_var_notice(preview: &RollbackPreview, style: Style, out: &mut Output) {
    let describe = |vars: &[crate::engine::diff::AddonVar]| {
        vars.iter().map(|v| format!("{} ({} is still attached as {})", v.var, v.addon, v.attachment)).collect::<Vec<_>>().join(", ")
    };
    if !preview.stripped.is_empty() {
        out.warn(style, format!("Release Lab: this rollback stripped {}.", describe(&preview.stripped)));
        let first = &preview.stripped[0];
        out.warn(
            style,
            format!(
                "To restore the vars, attach the add-on again and detach the old attachment: heroku addons:attach {} --as NEW_NAME, then heroku addons:detach {}",
                first.addon, first.attachment
            ),
        );
    }
    if !preview.reverted.is_empty() {
        out.warn(style, format!("Release Lab: this rollback set {} back to an older value.", describe(&preview.reverted)));
    }
}
