//! Saved work replays the same forever. Every `tests/fixtures/workspaces/*.json`
//! is a workspace file exported by an earlier build; its `.expected.txt`
//! beside it holds, for each app the replay rebuilds, `heroku releases
//! --json` and `heroku config --json` as that build printed them.
//!
//! A change to command grammar or defaults that would replay an old
//! workspace differently fails here. (The apps listing is compared as a
//! set: the CLI sorts it by name, earlier builds did not; and each app only
//! by the fields its build printed, since the listing now carries the
//! Platform API's whole app object.) The expected files are never
//! rewritten: `BLESS=1 cargo test --test fixtures` only writes the missing
//! ones, for a fixture just added (export it with the build of the day:
//! `release-lab export SCRIPT > tests/fixtures/workspaces/NAME.json`).
#![cfg(not(target_arch = "wasm32"))]

use release_lab::engine::World;
use release_lab::script::run_script;
use release_lab::workspace;
use std::path::{Path, PathBuf};

/// What the expected file records of a rebuilt world.
fn rebuilt(world: &World) -> String {
    let mut script = String::from("heroku apps --json\n");
    for app in &world.apps {
        script.push_str(&format!("heroku releases --json -a {0}\nheroku config --json -a {0}\n", app.name));
    }
    // Queries never change the world; run them on a copy all the same.
    run_script(&mut world.clone(), &script)
}

/// The `heroku apps --json` that opens an expected file, as JSON, its apps
/// by name. Builds before issue 10 listed apps in creation order; the CLI
/// sorts them by name. The order is how the list is shown, not the world,
/// so the listing is compared as a set of apps, each app exactly.
fn apps_listing(text: &str) -> Option<Vec<serde_json::Value>> {
    let listing = text.strip_prefix("$ heroku apps --json\n")?;
    let end = listing.find("\n$ ").unwrap_or(listing.len());
    let serde_json::Value::Array(mut apps) = serde_json::from_str(&listing[..end]).ok()? else { return None };
    apps.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    Some(apps)
}

fn same_apps_listing(expected: &str, actual: &str) -> bool {
    match (apps_listing(expected), apps_listing(actual)) {
        (Some(expected), Some(actual)) => expected.len() == actual.len() && expected.iter().zip(&actual).all(|(e, a)| covers(e, a)),
        _ => false,
    }
}

/// Whether `actual` has every field of `expected` with the same value;
/// objects may have gained fields, nothing else may differ.
fn covers(expected: &serde_json::Value, actual: &serde_json::Value) -> bool {
    match (expected, actual) {
        (serde_json::Value::Object(e), serde_json::Value::Object(a)) => e.iter().all(|(key, value)| a.get(key).is_some_and(|got| covers(value, got))),
        _ => expected == actual,
    }
}

/// Everything after the apps listing: every app's releases and config, compared byte for byte.
fn after_apps(text: &str) -> &str {
    text.strip_prefix("$ heroku apps --json\n").and_then(|rest| rest.find("\n$ ").map(|at| &rest[at..])).unwrap_or(text)
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspaces");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/workspaces exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_saved_workspace_replays_to_the_same_world() {
    let paths = fixtures();
    assert!(paths.len() >= 15, "expected the fixture workspaces, found {}", paths.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let mut apps = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let (world, events) = match workspace::import(&text) {
            Ok(imported) => imported,
            Err(error) => {
                failures.push(format!("{}: no longer imports: {error}", path.display()));
                continue;
            }
        };
        apps += world.apps.len();
        // Exporting what was imported gives the events back unchanged.
        let reexported: serde_json::Value = serde_json::from_str(&workspace::export(&events, world.schema_version)).expect("export is JSON");
        let original: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
        if reexported["events"] != original["events"] {
            failures.push(format!("{}: its events do not export unchanged", path.display()));
        }
        let actual = rebuilt(&world);
        let expected_path = path.with_extension("expected.txt");
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if same_apps_listing(&expected, &actual) && after_apps(&expected) == after_apps(&actual) => {}
            Ok(expected) => {
                let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).map_or(expected.lines().count().min(actual.lines().count()), |n| n);
                failures.push(format!(
                    "{}: replays differently from line {}:\n  expected: {:?}\n  actual:   {:?}",
                    path.display(),
                    line + 1,
                    expected.lines().nth(line).unwrap_or(""),
                    actual.lines().nth(line).unwrap_or("")
                ));
            }
            Err(_) if bless => std::fs::write(&expected_path, actual).expect("writable expected file"),
            Err(_) => failures.push(format!("{}: missing (BLESS=1 writes it for a new fixture)", expected_path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(apps > 20, "the fixtures should rebuild many apps, got {apps}");
}
