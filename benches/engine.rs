//! Hot paths on a big app: 10,000 releases, 50 config vars.
//! `cargo bench --bench engine`; numbers are reported, not asserted.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use release_lab::cli;
use release_lab::engine::retention::RetentionPolicy;
use release_lab::engine::time::DAY;
use release_lab::engine::{Action, World};
use std::hint::black_box;
use std::time::Duration;

const APP: &str = "big";
const RELEASES: usize = 10_000;

/// 50 config vars; one deploy every 10 releases, config changes between.
fn big_world() -> World {
    let mut world = World::new();
    world.execute(Action::CreateApp { name: Some(APP.into()), generation: release_lab::engine::app::Generation::Cedar }).expect("create");
    let vars = (0..50).map(|i| (format!("VAR_{i:02}"), format!("value-{i}-{}", "x".repeat(20)))).collect();
    world.execute(Action::SetConfig { app: APP.into(), vars }).expect("config");
    let mut step = 0;
    while world.app(APP).expect("app").releases.len() < RELEASES {
        if step % 10 == 0 {
            world.execute(Action::Commit { app: APP.into(), message: format!("Change {step}") }).expect("commit");
            world.execute(Action::Push { app: APP.into() }).expect("push");
        } else {
            let vars = vec![(format!("VAR_{:02}", step % 50), format!("v{step}"))];
            world.execute(Action::SetConfig { app: APP.into(), vars }).expect("set");
        }
        step += 1;
    }
    world
}

fn benches(c: &mut Criterion) {
    let base = big_world();

    let mut world = base.clone();
    let mut n = 0u64;
    c.bench_function("create a release (config:set, 10k releases, 50 vars)", |b| {
        b.iter(|| {
            n += 1;
            let vars = vec![("VAR_07".to_string(), format!("bench-{n}"))];
            black_box(world.execute(Action::SetConfig { app: APP.into(), vars }).expect("set"))
        })
    });

    let mut world = base.clone();
    c.bench_function("heroku releases -n 15 (parse + render)", |b| b.iter(|| black_box(cli::run(&mut world, "heroku releases -n 15"))));
    c.bench_function("heroku releases:info v5000 (parse + render, 50 vars)", |b| {
        b.iter(|| black_box(cli::run(&mut world, "heroku releases:info v5000")))
    });

    let mut world = base.clone();
    c.bench_function("rollback v9991 (engine)", |b| {
        b.iter(|| black_box(world.execute(Action::Rollback { app: APP.into(), target: Some(9991) }).expect("rollback")))
    });

    let mut world = base.clone();
    let now = world.now();
    world.app_mut(APP).expect("app").set_retention(RetentionPolicy::All2025, now);
    c.bench_function("retention sweep, incremental (all-2025, nothing new)", |b| {
        b.iter(|| black_box(world.app_mut(APP).expect("app").sweep_retention(now)))
    });
    c.bench_function("retention sweep, full (all-2025, 31 days on: ~9,980 expire)", |b| {
        b.iter_batched(
            || base.clone(),
            |mut world| {
                let later = world.now().plus(31 * DAY);
                black_box(world.app_mut(APP).expect("app").set_retention(RetentionPolicy::All2025, later))
            },
            BatchSize::LargeInput,
        )
    });

    let json = serde_json::to_string(&base).expect("serialise");
    println!("serialised state: {} bytes for {RELEASES} releases", json.len());
    c.bench_function("serialise whole state (JSON)", |b| b.iter(|| black_box(serde_json::to_string(&base).expect("serialise"))));
    c.bench_function("deserialise whole state (JSON)", |b| {
        b.iter(|| black_box(serde_json::from_str::<World>(&json).expect("deserialise")))
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(engine);
