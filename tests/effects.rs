//! Every command's `Output::effect`: the structured result views read
//! instead of parsing the printed lines.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::cli::{self, ErrorKind, Failure, Resource};
use release_lab::engine::World;
use std::path::Path;

fn world_with(lines: &[&str]) -> World {
    let mut world = World::new();
    for line in lines {
        assert!(cli::run(&mut world, line).ok, "{line}");
    }
    world
}

/// Over every transcript: a command failed exactly when it says why, and
/// every release it names is new and exists in the world right after it.
#[test]
fn transcript_effects_are_consistent() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("tests/transcripts exists").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let (mut commands, mut failures, mut releases) = (0, 0, 0);
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable transcript");
        let mut world = World::new();
        for line in text.lines().filter_map(|l| l.strip_prefix("$ ")) {
            let existed = |world: &World, app: &str, version: u32| world.app(app).is_ok_and(|a| a.release(version).is_some());
            let before = world.clone();
            let out = cli::run(&mut world, line);
            let context = format!("{}: {line}", path.display());
            assert_eq!(out.ok, out.effect.failure.is_none(), "{context}");
            for (app, version) in &out.effect.releases {
                assert!(!existed(&before, app, *version), "{context}: v{version} of {app} existed before");
                assert!(existed(&world, app, *version), "{context}: v{version} of {app} does not exist");
            }
            if let Some(app) = &out.effect.app {
                assert!(before.app(app).is_ok() || world.app(app).is_ok(), "{context}: {app} is no app");
            }
            commands += 1;
            failures += usize::from(!out.ok);
            releases += out.effect.releases.len();
        }
    }
    assert!(commands >= 700 && failures >= 50 && releases >= 100, "{commands} commands, {failures} failures, {releases} releases");
}

#[test]
fn create_names_the_app_and_its_first_two_releases() {
    let mut world = World::new();
    let out = cli::run(&mut world, "heroku create");
    let app = out.effect.app.clone().expect("the new app's name");
    assert!(world.app(&app).is_ok());
    assert_eq!(out.effect.releases, vec![(app.clone(), 1), (app, 2)]);
    assert_eq!(out.effect.failure, None);
}

#[test]
fn config_set_names_its_release() {
    let mut world = world_with(&["heroku create demo", "heroku create other"]);
    let out = cli::run(&mut world, "heroku config:set A=1 -a demo");
    assert_eq!(out.effect.app.as_deref(), Some("demo"));
    assert_eq!(out.effect.releases, vec![("demo".to_string(), 3)]);
    let unchanged = cli::run(&mut world, "heroku config:set A=1 -a demo");
    assert!(unchanged.ok);
    assert_eq!(unchanged.effect.releases, vec![]);
}

#[test]
fn the_only_app_is_the_app() {
    let mut world = world_with(&["heroku create demo"]);
    let out = cli::run(&mut world, "heroku releases");
    assert_eq!(out.effect.app.as_deref(), Some("demo"));
}

#[test]
fn destroying_an_add_on_names_the_detach_releases_on_other_apps() {
    let mut world = world_with(&[
        "heroku create owner",
        "heroku create guest",
        "heroku addons:create heroku-redis:mini -a owner",
        // Heroku Redis provisions in the background.
        "sim advance 3m",
    ]);
    let addon = world.addons[0].name.clone();
    assert!(cli::run(&mut world, &format!("heroku addons:attach {addon} -a guest")).ok);
    let out = cli::run(&mut world, &format!("heroku addons:destroy {addon} -a owner --confirm owner"));
    assert!(out.ok, "{}", out.text());
    assert!(out.effect.releases.contains(&("guest".to_string(), 4)), "{:?}", out.effect.releases);
}

#[test]
fn a_missing_release_is_not_found() {
    let mut world = world_with(&["heroku create demo"]);
    let out = cli::run(&mut world, "heroku rollback v99 -a demo");
    assert!(!out.ok);
    assert_eq!(
        out.effect.failure,
        Some(Failure { kind: ErrorKind::NotFound { what: Resource::Release }, message: "Couldn't find that release.".to_string() })
    );
}

#[test]
fn config_set_without_arguments_is_a_usage_error() {
    let mut world = world_with(&["heroku create demo"]);
    let out = cli::run(&mut world, "heroku config:set");
    let failure = out.effect.failure.expect("a failure");
    assert_eq!(failure.kind, ErrorKind::Usage);
    assert_eq!(failure.message, "Usage: heroku config:set KEY1=VALUE1 [KEY2=VALUE2 ...]\nMust specify KEY and VALUE to set.");
}

#[test]
fn unknown_commands_say_so() {
    let mut world = World::new();
    for line in ["heroku frobnicate", "frobnicate", "git frobnicate", "sim frobnicate", "help frobnicate"] {
        let failure = cli::run(&mut world, line).effect.failure.expect(line);
        assert_eq!(failure.kind, ErrorKind::UnknownCommand, "{line}");
    }
}

#[test]
fn an_unknown_app_is_not_found_and_unresolved() {
    let mut world = world_with(&["heroku create demo"]);
    let out = cli::run(&mut world, "heroku config -a nope");
    assert_eq!(out.effect.app, None);
    assert_eq!(out.effect.failure.map(|f| f.kind), Some(ErrorKind::NotFound { what: Resource::App }));
}

#[test]
fn git_refusals_keep_gits_words() {
    let mut world = world_with(&["heroku create demo"]);
    let out = cli::run(&mut world, "git push heroku main");
    let failure = out.effect.failure.expect("nothing to push");
    assert_eq!(failure.kind, ErrorKind::NotFound { what: Resource::Commit });
    assert!(failure.message.starts_with("error: src refspec main does not match any"), "{}", failure.message);
}
