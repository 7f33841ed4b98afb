//! The Platform API emulator without HTTP: each request changes the world
//! exactly as the matching command line does, and a refused request leaves
//! it untouched. (`tests/oracle/oracle.mjs` runs the real heroku CLI
//! against it over HTTP.)
#![cfg(not(target_arch = "wasm32"))]

use release_lab::emulator::{Emulator, Request, Response};
use release_lab::engine::World;
use release_lab::script::run_script;
use serde_json::{json, Value};

const SETUP: &str = "heroku create shop\ngit commit -m first\ngit push heroku main\nheroku config:set A=1\ngit commit -m second\ngit push heroku main";

fn emulator() -> Emulator {
    let mut emulator = Emulator::new(World::new(), "http://127.0.0.1:5001");
    emulator.run_script(SETUP);
    emulator
}

/// The world a script builds after SETUP.
fn world_after(lines: &str) -> World {
    let mut world = World::new();
    run_script(&mut world, &format!("{SETUP}\n{lines}"));
    world
}

fn send(emulator: &mut Emulator, request: Request) -> (u16, Value) {
    let response: Response = emulator.handle(&request);
    (response.status, response.json_body())
}

#[test]
fn a_rollback_request_is_the_rollback_command() {
    let mut api = emulator();
    let (_, v3) = send(&mut api, Request::new("GET", "/apps/shop/releases/3"));
    let id = v3["id"].as_str().expect("a release id").to_string();
    let (status, release) = send(&mut api, Request::new("POST", "/apps/shop/releases").with_body(&json!({ "release": id }).to_string()));
    assert_eq!(status, 201);
    assert_eq!(release["version"], 6);
    assert_eq!(release["description"], "Rollback to v3");
    assert_eq!(api.world, world_after("heroku rollback v3"));
}

#[test]
fn releases_honour_the_range_header() {
    let mut api = emulator();
    let versions = |body: &Value| body.as_array().expect("a list").iter().map(|r| r["version"].as_u64().unwrap_or(0)).collect::<Vec<_>>();
    let (status, all) = send(&mut api, Request::new("GET", "/apps/shop/releases"));
    assert_eq!((status, versions(&all)), (200, vec![1, 2, 3, 4, 5]));
    let (status, newest) = send(&mut api, Request::new("GET", "/apps/shop/releases").with_header("Range", "version ..; max=2, order=desc"));
    assert_eq!((status, versions(&newest)), (206, vec![5, 4]));
    let (_, one) = send(&mut api, Request::new("GET", "/apps/shop/releases").with_header("Range", "version ..; order=desc,max=1"));
    assert_eq!(versions(&one), vec![5]);
}

#[test]
fn config_patches_are_config_commands() {
    let mut api = emulator();
    let (status, config) =
        send(&mut api, Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"B": "two words", "C": ""}"#));
    assert_eq!(status, 200);
    assert_eq!(config, json!({ "A": "1", "B": "two words", "C": "" }));
    assert_eq!(api.world, world_after("heroku config:set 'B=two words' C="));
    send(&mut api, Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"A": null}"#));
    assert_eq!(api.world, world_after("heroku config:set 'B=two words' C=\nheroku config:unset A"));
}

/// One PATCH that sets and unsets is one release, as on Heroku: Release
/// Lab's `config:patch`.
#[test]
fn a_mixed_config_patch_is_one_release() {
    let mut api = emulator();
    let (status, config) = send(&mut api, Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"A": null, "B": "2"}"#));
    assert_eq!((status, config), (200, json!({ "B": "2" })));
    let (_, newest) = send(&mut api, Request::new("GET", "/apps/shop/releases").with_header("Range", "version ..; order=desc,max=1"));
    assert_eq!((newest[0]["version"].as_u64(), newest[0]["description"].as_str()), (Some(6), Some("Set B and remove A config vars")));
    assert_eq!(api.world, world_after("heroku config:patch A B=2"));
}

#[test]
fn refusals_are_api_errors_and_change_nothing() {
    let mut api = emulator();
    let before = api.world.clone();
    let cases = [
        (Request::new("GET", "/apps/nope/releases"), 404, "not_found", "Couldn't find that app."),
        (Request::new("GET", "/apps/shop/releases/99"), 404, "not_found", "Couldn't find that release."),
        (Request::new("PATCH", "/apps/shop/config-vars").with_body("{not json"), 400, "bad_request", ""),
        (Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"a-b": "1"}"#), 422, "invalid_params", ""),
        (Request::new("POST", "/apps/shop/addons").with_body(r#"{"plan": {"name": "nope:tiny"}}"#), 404, "not_found", ""),
        (Request::new("POST", "/apps").with_body(r#"{"name": "shop"}"#), 409, "conflict", "Name shop is already taken"),
        (Request::new("GET", "/teams"), 404, "not_found", ""),
        // Request data is never read as a flag, nor as another key.
        (Request::new("POST", "/apps").with_body(r#"{"name": "--generation=fir"}"#), 422, "invalid_params", "Name must start with a letter"),
        (Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"A=B": "c"}"#), 422, "invalid_params", "A=B is not a valid config var key"),
        (Request::new("PATCH", "/apps/shop/config-vars").with_body(r#"{"A": 1}"#), 422, "invalid_params", "The value of A must be a string"),
        (Request::new("POST", "/apps/shop/addons").with_body(r#"{"plan": "--help"}"#), 422, "invalid_params", "Specify a plan as SERVICE:PLAN"),
        (Request::new("DELETE", "/addon-attachments/DATABASE"), 404, "not_found", ""),
        (Request::new("POST", "/apps/shop/releases").with_body(r#"{"slug": "not-the-newest"}"#), 422, "invalid_params", ""),
    ];
    for (request, status, id, message) in cases {
        let (got, body) = send(&mut api, request.clone());
        assert_eq!((got, body["id"].as_str()), (status, Some(id)), "{} {}", request.method, request.path);
        assert!(body["message"].as_str().is_some_and(|m| m.starts_with(message) && !m.is_empty()), "{body}");
        assert!(api.world == before, "{} {} changed the world", request.method, request.path);
    }
}

#[test]
fn add_ons_are_created_attached_and_listed() {
    let mut api = emulator();
    let (status, addon) =
        send(&mut api, Request::new("POST", "/apps/shop/addons").with_body(r#"{"plan": {"name": "heroku-postgresql:essential-0"}}"#));
    assert_eq!(status, 201);
    assert_eq!(addon["provision_message"], "Database should be available soon");
    assert_eq!(addon["billed_price"]["cents"], 500);
    assert_eq!(addon["attachments"][0]["name"], "DATABASE");
    assert_eq!(api.world, world_after("heroku addons:create heroku-postgresql:essential-0"));
    let (_, attachments) = send(&mut api, Request::new("GET", "/apps/shop/addon-attachments"));
    assert_eq!(attachments[0]["config_vars"], json!(["DATABASE_URL"]));
}
