//! The Platform API's objects: `cli::api`'s (what `--json` prints), plus
//! what only a server has: release output streams under its own address,
//! the account, and config vars as a plain object.

use crate::cli::api;
use crate::cli::json::{object, Json};
use crate::engine::app::App;
use crate::engine::config::ConfigVars;
use crate::engine::release::Release;
use crate::engine::rng::uuid_from_name;
use crate::engine::World;

pub fn account(world: &World) -> Json {
    object([
        ("email", world.user.as_str().into()),
        ("id", uuid_from_name(&world.user).into()),
        ("name", Json::Null),
        ("verified", true.into()),
        ("two_factor_authentication", false.into()),
        ("default_organization", Json::Null),
        ("default_team", Json::Null),
    ])
}

/// A release; its output stream is served by this emulator.
pub fn release(world: &World, app: &App, release: &Release, base_url: &str) -> Json {
    let mut json = api::release(world, app, release);
    if release.release_phase.is_some() {
        json.set("output_stream_url", format!("{base_url}/release-lab/streams/{}", release.id).into());
    }
    json
}

pub fn config(vars: &ConfigVars) -> Json {
    Json::Map(vars.iter().map(|(k, v)| (k.to_string(), Json::from(&**v))).collect())
}
