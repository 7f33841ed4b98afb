//! The timeline picture, drawn from worlds built by scripts.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::engine::World;
use release_lab::script::run_script;
use release_lab::timeline::{svg, window, WINDOW};

fn world(script: &str) -> World {
    let mut world = World::new();
    run_script(&mut world, script);
    world
}

fn draw(world: &World, app: &str) -> String {
    let app = world.app(app).unwrap();
    svg(app, window(app.releases.len(), 0), None, &world.clock, world.style)
}

/// The `<g …>` start tag of the mark for `version`.
fn mark(picture: &str, version: u32) -> String {
    let at = picture.find(&format!(r#"data-version="{version}""#)).unwrap_or_else(|| panic!("no mark for v{version}"));
    let start = picture[..at].rfind("<g ").unwrap();
    let end = at + picture[at..].find('>').unwrap();
    picture[start..=end].to_string()
}

const STORY: &str = "
heroku create shop --generation fir
git commit -m First
git push heroku main
heroku config:set A=1
heroku addons:create heroku-postgresql:essential-0 --wait
git commit -m Second
git push heroku main
heroku rollback v4
sim release-phase migrate
sim fail next-release
git commit -m Third
git push heroku main
heroku releases:retry
sim advance 31d
";

#[test]
fn kinds_statuses_rollbacks_and_retention_are_all_drawn() {
    let world = world(STORY);
    let picture = draw(&world, "shop");
    let app = world.app("shop").unwrap();
    let rollback = app.releases.iter().find(|r| r.change.description(world.style) == "Rollback to v4").unwrap().version;
    // An arrow from the rollback to its target, and the rollback sits in v4's code lane.
    assert!(picture.contains(&format!(r#"class="arrow" data-from="{rollback}" data-to="4""#)), "{picture}");
    assert!(mark(&picture, rollback).contains("k-rollback"));
    // Every kind has its own class; the legend names them all.
    for (version, class) in [(3, "k-deploy"), (4, "k-config"), (5, "k-addon")] {
        assert!(mark(&picture, version).contains(class), "v{version}: {}", mark(&picture, version));
    }
    for label in ["Deploy", "Config change", "Add-on change", "Provider update", "Rollback", "Retry", "pending", "failed", "expired (code deleted)", "current"] {
        assert!(picture.contains(&format!(">{label}</text>")), "legend lacks {label}");
    }
    // The failed release is crossed, the retry and current are marked, old code expired.
    let failed = app.releases.iter().find(|r| r.status == release_lab::engine::release::Status::Failed).unwrap().version;
    assert!(mark(&picture, failed).contains("st-failed"));
    let latest = app.releases.len() as u32;
    assert!(mark(&picture, latest).contains("k-retry") && mark(&picture, latest).contains(" current"), "{}", mark(&picture, latest));
    assert!(mark(&picture, 3).contains("st-expired"), "{}", mark(&picture, 3));
    assert!(picture.contains(r#"<g class="retention-line">"#) && picture.contains("OCI images deleted"));
    // Labels say what the picture shows, for keyboards and screen readers.
    assert!(mark(&picture, rollback).contains(&format!(r#"tabindex="0" role="button" data-version="{rollback}" aria-label="Release {rollback}, Rollback: Rollback to v4, expired, runs OCI image "#)));
    // Balanced groups: the picture is well formed.
    assert_eq!(picture.matches("<g").count(), picture.matches("</g>").count());
}

#[test]
fn a_rollback_returns_to_the_older_code_lane() {
    let world = world("heroku create shop\ngit commit -m One\ngit push heroku main\ngit commit -m Two\ngit push heroku main\nheroku rollback v3");
    let picture = draw(&world, "shop");
    // A mark's shape is placed with `<use … x="X" y="Y">`: its lane is its y.
    let y = |v: u32| {
        let m = &picture[picture.find(&format!(r#"data-version="{v}""#)).unwrap()..];
        let m = &m[m.find("<use href=").unwrap()..];
        let y = &m[m.find(" y=\"").unwrap() + 4..];
        y[..y.find('"').unwrap()].parse::<i64>().unwrap()
    };
    assert_ne!(y(3), y(4), "two deploys of different code are in different lanes");
    assert_eq!(y(5), y(3), "the rollback to v3 sits in v3's lane");
    assert!(mark(&picture, 5).contains("k-rollback"));
    assert!(picture.contains("One</text>") && picture.contains("Two</text>"), "lanes are labelled with their commits");
}

#[test]
fn ten_thousand_releases_draw_only_a_window() {
    let mut script = String::from("heroku create big\ngit commit -m Start\ngit push heroku main\n");
    for n in 0..3000 {
        script.push_str(&format!("heroku config:set N={n}\n"));
    }
    let world = world(&script);
    let app = world.app("big").unwrap();
    let picture = draw(&world, "big");
    assert_eq!(picture.matches("data-version=").count(), WINDOW);
    assert!(picture.contains(&format!(r#"data-version="{}""#, app.releases.len())));
    let older = svg(app, window(app.releases.len(), 2000), Some(1000), &world.clock, world.style);
    assert_eq!(older.matches("data-version=").count(), WINDOW);
    assert!(older.contains(&format!(r#"data-version="{}""#, app.releases.len() - 2000)));
    assert!(!older.contains(&format!(r#"data-version="{}""#, app.releases.len() - 1999)));
    assert_eq!(window(10, 0), 1..=10);
    assert_eq!(window(100, 90), 1..=40);
    assert_eq!(window(100, 10), 51..=90);
    assert_eq!(window(0, 0).count(), 0);
}

#[test]
fn names_and_messages_are_escaped() {
    let world = world("heroku create shop\ngit commit -m \"<script>&\\\"x\"\ngit push heroku main");
    let picture = draw(&world, "shop");
    assert!(!picture.contains("<script>"));
    assert!(picture.contains("&lt;script&gt;&amp;&quot;x"));
}
