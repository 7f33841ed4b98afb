//! One module per concept: each turns parsed arguments into an engine
//! action or query and renders the result in the current style.

pub mod addons;
pub mod apps;
pub mod config;
pub mod git;
pub mod pipelines;
pub mod releases;
pub mod rollback;
pub mod sim;

use super::args::Args;
use super::commands::CommandSpec;
use super::output::Output;
use crate::engine::World;

pub fn dispatch(world: &mut World, spec: &CommandSpec, args: &Args) -> Output {
    match spec.name {
        "apps" => apps::list(world, args),
        "apps:create" => apps::create(world, args),
        "apps:info" => apps::info(world, args),
        "apps:destroy" => apps::destroy(world, args),
        "config" => config::show(world, args),
        "config:get" => config::get(world, args),
        "config:set" => config::set(world, args),
        "config:unset" => config::unset(world, args),
        "config:patch" => config::patch(world, args),
        "addons" => addons::list(world, args),
        "addons:create" => addons::create(world, args),
        "addons:attach" => addons::attach(world, args),
        "addons:detach" => addons::detach(world, args),
        "addons:destroy" => addons::destroy(world, args),
        "addons:upgrade" => addons::upgrade(world, args),
        "releases" => releases::list(world, args),
        "releases:info" => releases::info(world, args),
        "releases:output" => releases::output(world, args),
        "releases:retry" => releases::retry(world, args),
        "releases:diff" => releases::diff(world, args),
        "releases:rollback" => rollback::rollback(world, args),
        "pipelines:create" => pipelines::create(world, args),
        "pipelines:add" => pipelines::add(world, args),
        "pipelines:info" => pipelines::info(world, args),
        "pipelines:promote" => pipelines::promote(world, args),
        "help" => super::help::help(world.style, &args.positionals),
        "commit" => git::commit(world, args),
        "log" => git::log(world, args),
        "revert" => git::revert(world, args),
        "push" => git::push(world, args),
        _ => sim::dispatch(world, spec.name, args),
    }
}

/// Resolves the app (and records it) or prints why not; for `heroku` commands.
macro_rules! app_or_fail {
    ($world:expr, $args:expr, $out:expr) => {
        match crate::cli::resolve_app($world, $args) {
            Ok(app) => {
                $out.effect.app = Some(app.clone());
                app
            }
            Err(failure) => {
                crate::cli::app_failure(&mut $out, $world.style, failure);
                return $out;
            }
        }
    };
}
pub(crate) use app_or_fail;
