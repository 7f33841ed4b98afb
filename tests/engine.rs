//! Engine-level checks that transcripts cannot express well.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::cli;
use release_lab::engine::config::CONFIG_LIMIT_BYTES;
use release_lab::engine::{Action, EngineError, World};

fn world_with_app() -> World {
    let mut world = World::new();
    assert!(cli::run(&mut world, "heroku create sized").ok);
    world
}

#[test]
fn config_may_total_exactly_32_kb_and_not_a_byte_more() {
    let mut world = world_with_app();
    let value = "x".repeat(CONFIG_LIMIT_BYTES - "BIG".len());
    let exact = Action::SetConfig { app: "sized".into(), vars: vec![("BIG".into(), value.clone())] };
    assert!(world.execute(exact).is_ok());

    let before = world.clone();
    let over = Action::SetConfig { app: "sized".into(), vars: vec![("A".into(), String::new())] };
    assert_eq!(
        world.execute(over),
        Err(EngineError::ConfigTooLarge { bytes: CONFIG_LIMIT_BYTES + 1, limit: CONFIG_LIMIT_BYTES })
    );
    assert_eq!(world, before);
    let output = cli::run(&mut world, "heroku config:set A=");
    assert_eq!(
        output.text(),
        "Setting A and restarting ⬢ sized... !\n ›   Error: Config vars would total 32769 bytes; all keys and values together may not exceed 32 kB (32768 bytes).\n ›\n ›   Error ID: invalid_params\n"
    );
    // Replacing a value counts the new size, not both.
    let replace = Action::SetConfig { app: "sized".into(), vars: vec![("BIG".into(), value[1..].to_string() + "y")] };
    assert!(world.execute(replace).is_ok());
}

#[test]
fn config_only_releases_share_the_previous_snapshot_entries() {
    let mut world = world_with_app();
    for line in ["heroku config:set A=1 B=2", "git commit -m x", "git push heroku main", "heroku rollback v4"] {
        assert!(cli::run(&mut world, line).ok, "{line}");
    }
    let app = world.app("sized").expect("app");
    // v4 (deploy) reuses v3's snapshot; v5 (rollback to v4) shares it too: no copies.
    assert_eq!(app.releases[3].config, app.releases[2].config);
    assert_eq!(app.releases[4].config, app.releases[2].config);
    assert_eq!(app.config.len(), 2, "only the empty snapshot and the one config:set made");
}

#[test]
fn add_on_names_are_unique_across_apps_and_seeded() {
    let mut world = World::new();
    let mut names = Vec::new();
    for app in ["one", "two", "three"] {
        assert!(cli::run(&mut world, &format!("heroku create {app}")).ok);
        for _ in 0..5 {
            assert!(cli::run(&mut world, &format!("heroku addons:create heroku-redis:mini --as R{} -a {app}", names.len())).ok);
            names.push(world.addons.last().expect("created").name.clone());
        }
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
    // A different seed gives different names; the same seed the same ones.
    let mut reseeded = World::new();
    assert!(cli::run(&mut reseeded, "sim seed 7").ok);
    assert!(cli::run(&mut reseeded, "heroku create one").ok);
    assert!(cli::run(&mut reseeded, "heroku addons:create heroku-redis:mini --as R0").ok);
    assert_ne!(reseeded.addons[0].name, names[0]);
}

#[test]
fn worlds_survive_a_json_round_trip_and_refuse_bad_snapshots() {
    let mut world = world_with_app();
    for line in ["heroku config:set A=1", "heroku config:unset A", "heroku config:set B=2"] {
        assert!(cli::run(&mut world, line).ok);
    }
    let json = serde_json::to_string(&world).expect("serialise");
    let back: World = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, world);
    // A snapshot naming a later base is corrupt data, not a panic.
    let corrupt = json.replacen("\"base\":0", "\"base\":9", 1);
    assert!(serde_json::from_str::<World>(&corrupt).is_err());
}

/// The case from issue 7: under fir-2024, +31 days expired only v3, and
/// nothing said why v4–v7 stayed. They run the current release's slug.
#[test]
fn retention_says_why_a_release_expired_or_stayed() {
    use release_lab::engine::retention::Kept;
    let mut world = World::new();
    for line in [
        "heroku create kept --generation fir",
        "sim retention fir-2024 -a kept",
        "git commit -m one -a kept",
        "git push heroku main -a kept",
        "git commit -m two -a kept",
        "git push heroku main -a kept",
        "heroku config:set A=1 -a kept",
        "heroku config:set B=2 -a kept",
        "heroku config:set C=3 -a kept",
        "heroku config:set D=4 -a kept",
    ] {
        assert!(cli::run(&mut world, line).ok, "{line}");
    }
    let app = world.app("kept").expect("app");
    let fresh = app.retention_of(3, world.now()).expect("v3");
    assert!(matches!(fresh, Kept::WithinLine { age_secs: 0, newer: 5, latest: false }), "{fresh:?}");
    assert!(cli::run(&mut world, "sim advance 31d").ok);
    let app = world.app("kept").expect("app");
    let now = world.now();
    let kept: Vec<Kept> = (1..=8).map(|v| app.retention_of(v, now).expect("release")).collect();
    assert_eq!(kept[..2], [Kept::NothingToDelete, Kept::NothingToDelete], "v1 and v2 deployed nothing");
    assert!(matches!(kept[2], Kept::Expired { .. }), "v3 ran the first build: {:?}", kept[2]);
    for version in 4..=7 {
        assert_eq!(kept[version - 1], Kept::RunByCurrent { current: 8 }, "v{version}");
    }
    assert_eq!(kept[7], Kept::Current);
    assert_eq!(app.retention_of(9, now), None);
    let words = cli::explain::retention(kept[4], 5, app.retention, app.kind(), &world.clock);
    assert_eq!(
        words,
        "Kept: it is past the fir-2024 policy's line, but the current release, v8, runs the same OCI image (config and add-on changes reuse it), and the OCI image the app runs is never deleted."
    );
    assert!(cli::run(&mut world, "sim retention all-2025 -a kept").ok);
    let app = world.app("kept").expect("app");
    let within = app.retention_of(4, world.now()).expect("v4");
    assert_eq!(
        cli::explain::retention(within, 4, app.retention, app.kind(), &world.clock),
        "Kept: it is 31 days old and 4 releases back; all-2025 deletes it only once it is both older than 30 days and more than 20 releases back."
    );
}

/// Commit ids and user ids come from `engine::sha1`: it must be SHA-1
/// exactly, or saved workspaces would replay with other ids.
#[test]
fn sha1_is_sha1() {
    use release_lab::engine::sha1::hex;
    assert_eq!(hex(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assert_eq!(hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    // Every length around the padding's block boundaries, against the reference.
    for len in 0..300 {
        let data: Vec<u8> = (0..len).map(|i| (i * 31 + len) as u8).collect();
        assert_eq!(hex(&data), sha1_smol::Sha1::from(&data).digest().to_string(), "length {len}");
    }
}
