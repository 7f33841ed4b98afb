//! Invariants under random command sequences (200–320 commands each),
//! driven through the CLI exactly as a user or a script would.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use release_lab::cli;
use release_lab::engine::release::{Change, Status};
use release_lab::engine::retention::Kept;
use release_lab::engine::time::LAST_SECOND;
use release_lab::engine::World;
use release_lab::script::run_script;
use release_lab::session::History;

const APPS: [&str; 2] = ["cedar-app", "fir-app"];

/// One random step; turned into a command line against the current world,
/// so that it can name add-ons and versions that exist.
#[derive(Clone, Debug)]
enum Op {
    Commit(u8),
    Push(u8),
    Revert(u8),
    Set(u8, u8, u16),
    SetTwo(u8, u8, u8),
    Unset(u8, u8),
    BadKey(u8),
    CreateAddon(u8, u8),
    Attach(u8, u8),
    Detach(u8, u8),
    Destroy(u8, u8),
    Upgrade(u8, u8),
    Rotate(u8),
    Rollback(u8),
    RollbackTo(u8, u16),
    Retry(u8),
    Advance(u8, u8),
    ReleasePhase(u8, bool),
    FailBuild(u8),
    FailRelease(u8),
    Retention(u8, u8),
    Nonsense(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let a = 0u8..2;
    prop_oneof![
        6 => a.clone().prop_map(Op::Commit),
        6 => a.clone().prop_map(Op::Push),
        1 => a.clone().prop_map(Op::Revert),
        6 => (a.clone(), 0u8..6, any::<u16>()).prop_map(|(a, k, v)| Op::Set(a, k, v)),
        2 => (a.clone(), 0u8..6, 0u8..6).prop_map(|(a, k, j)| Op::SetTwo(a, k, j)),
        3 => (a.clone(), 0u8..6).prop_map(|(a, k)| Op::Unset(a, k)),
        1 => a.clone().prop_map(Op::BadKey),
        2 => (a.clone(), 0u8..3).prop_map(|(a, s)| Op::CreateAddon(a, s)),
        1 => (a.clone(), any::<u8>()).prop_map(|(a, i)| Op::Attach(a, i)),
        1 => (a.clone(), any::<u8>()).prop_map(|(a, i)| Op::Detach(a, i)),
        1 => (a.clone(), any::<u8>()).prop_map(|(a, i)| Op::Destroy(a, i)),
        1 => (a.clone(), any::<u8>()).prop_map(|(a, i)| Op::Upgrade(a, i)),
        1 => any::<u8>().prop_map(Op::Rotate),
        3 => a.clone().prop_map(Op::Rollback),
        3 => (a.clone(), any::<u16>()).prop_map(|(a, v)| Op::RollbackTo(a, v)),
        1 => a.clone().prop_map(Op::Retry),
        4 => (0u8..5, 1u8..40).prop_map(|(u, n)| Op::Advance(u, n)),
        1 => (a.clone(), any::<bool>()).prop_map(|(a, on)| Op::ReleasePhase(a, on)),
        1 => a.clone().prop_map(Op::FailBuild),
        1 => a.clone().prop_map(Op::FailRelease),
        1 => (a.clone(), 0u8..3).prop_map(|(a, p)| Op::Retention(a, p)),
        1 => any::<u8>().prop_map(Op::Nonsense),
    ]
}

fn command(world: &World, op: &Op, step: usize) -> String {
    let app = |a: &u8| APPS[*a as usize % 2];
    let addon_names: Vec<&str> = world.addons.iter().map(|a| a.name.as_str()).collect();
    let pick = |i: &u8| addon_names.get(*i as usize % addon_names.len().max(1)).copied().unwrap_or("none-such");
    match op {
        Op::Commit(a) => format!("git commit -m \"Change {step}\" -a {}", app(a)),
        Op::Push(a) => format!("git push heroku main -a {}", app(a)),
        Op::Revert(a) => format!("git revert HEAD -a {}", app(a)),
        Op::Set(a, k, v) => format!("heroku config:set K{k}=\"v {v}=x\" -a {}", app(a)),
        Op::SetTwo(a, k, j) => format!("heroku config:set K{k}=one K{j}=two -a {}", app(a)),
        Op::Unset(a, k) => format!("heroku config:unset K{k} -a {}", app(a)),
        Op::BadKey(a) => format!("heroku config:set GOOD=1 BAD-KEY=2 -a {}", app(a)),
        Op::CreateAddon(a, s) => {
            let plan = ["heroku-redis:mini", "heroku-postgresql:essential-0", "papertrail:choklad"][*s as usize];
            format!("heroku addons:create {plan} -a {}", app(a))
        }
        Op::Attach(a, i) => format!("heroku addons:attach {} -a {}", pick(i), app(a)),
        Op::Detach(a, i) => {
            let attachment = world.addons.get(*i as usize % world.addons.len().max(1)).and_then(|x| x.attachments.first());
            match attachment {
                Some(att) => format!("heroku addons:detach {} -a {}", att.name, app(a)),
                None => format!("heroku addons:detach NONE -a {}", app(a)),
            }
        }
        Op::Destroy(a, i) => format!("heroku addons:destroy {} --confirm {} -a {}", pick(i), app(a), app(a)),
        Op::Upgrade(a, i) => format!("heroku addons:upgrade {} premium-0 -a {}", pick(i), app(a)),
        Op::Rotate(i) => format!("sim addon-update {}", pick(i)),
        Op::Rollback(a) => format!("heroku rollback -a {}", app(a)),
        Op::RollbackTo(a, v) => {
            let count = world.app(app(a)).map(|x| x.releases.len()).unwrap_or(1).max(1);
            format!("heroku rollback v{} -a {}", (*v as usize % (count + 2)) + 1, app(a))
        }
        Op::Retry(a) => format!("heroku releases:retry -a {}", app(a)),
        Op::Advance(unit, n) => format!("sim advance {n}{}", ["s", "m", "h", "d", "w"][*unit as usize]),
        Op::ReleasePhase(a, true) => format!("sim release-phase \"rake db:migrate\" -a {}", app(a)),
        Op::ReleasePhase(a, false) => format!("sim release-phase off -a {}", app(a)),
        Op::FailBuild(a) => format!("sim fail next-build -a {}", app(a)),
        Op::FailRelease(a) => format!("sim fail next-release -a {}", app(a)),
        Op::Retention(a, p) => format!("sim retention {} -a {}", ["fir-2024", "all-2025", "unlimited"][*p as usize], app(a)),
        Op::Nonsense(n) => ["heroku rolback", "heroku rollback v0", "sim advance 0m", "git log nope", "heroku config:set"][*n as usize % 5].to_string(),
    }
}

fn check_invariants(world: &World, step: usize, line: &str) -> Result<(), TestCaseError> {
    let now = world.now();
    for app in &world.apps {
        let context = || format!("after step {step} `{line}` on {}", app.name);
        // Versions are 1..N, contiguous and unique.
        for (index, release) in app.releases.iter().enumerate() {
            prop_assert_eq!(release.version as usize, index + 1, "{}", context());
        }
        // Exactly one current release: the newest that succeeded.
        let newest_succeeded = app.releases.iter().rev().find(|r| r.status == Status::Succeeded).map(|r| r.version);
        let current = app.current_release();
        prop_assert!(current.is_some(), "no current release {}", context());
        let current = current.unwrap();
        prop_assert_eq!(current.status, Status::Succeeded, "{}", context());
        prop_assert_eq!(newest_succeeded, Some(current.version), "{}", context());
        for release in &app.releases {
            // An expired release is never eligible.
            if release.status == Status::Expired {
                prop_assert!(!release.eligible_for_rollback(), "{}", context());
            }
            // The explanation agrees with the sweep: expired exactly when
            // it says so, and never "due" once an action has finished.
            let kept = app.retention_of(release.version, now);
            prop_assert_eq!(matches!(kept, Some(Kept::Expired { .. })), release.status == Status::Expired, "v{} {:?} {}", release.version, kept, context());
            prop_assert!(!matches!(kept, None | Some(Kept::Due)), "v{} {:?} {}", release.version, kept, context());
            // A rollback's config (and code) equals its target's.
            if let Change::Rollback { target } = release.change {
                let target = app.release(target).expect("rollback target exists");
                prop_assert_eq!(app.config.vars(release.config), app.config.vars(target.config), "{}", context());
                prop_assert_eq!(release.artifact, target.artifact, "{}", context());
            }
        }
        // The retention rule holds after every step.
        let violations = app.retention_violations(now);
        prop_assert!(violations.is_empty(), "{}: {:?}", context(), violations);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_for_random_sessions(ops in prop::collection::vec(op(), 200..320)) {
        let mut world = World::new();
        let mut lines = vec!["heroku create cedar-app".to_string(), "heroku create fir-app --generation fir".to_string()];
        for line in &lines {
            prop_assert!(cli::run(&mut world, line).ok);
        }
        for (step, op) in ops.iter().enumerate() {
            let line = command(&world, op, step);
            let before = world.clone();
            let output = cli::run(&mut world, &line);
            // A refused command changes nothing. (A push whose build fails is
            // not refused: it consumes `sim fail next-build`.)
            if !output.ok && !line.starts_with("git push") {
                prop_assert!(world == before, "refused `{}` changed the world", line);
            }
            check_invariants(&world, step, &line)?;
            if std::env::var_os("PROPTEST_STATS").is_some() && step + 1 == ops.len() {
                for app in &world.apps {
                    let count = |s: Status| app.releases.iter().filter(|r| r.status == s).count();
                    let rollbacks = app.releases.iter().filter(|r| matches!(r.change, Change::Rollback { .. })).count();
                    eprintln!("{}: {} releases, {} expired, {} failed, {} pending, {} rollbacks", app.name, app.releases.len(), count(Status::Expired), count(Status::Failed), count(Status::Pending), rollbacks);
                }
            }
            if step % 50 == 0 {
                let json = serde_json::to_string(&world).expect("serialise");
                let back: World = serde_json::from_str(&json).expect("deserialise");
                prop_assert!(back == world, "serde round trip changed the world at step {}", step);
            }
            lines.push(line);
        }
        // The whole state survives a serde round trip unchanged.
        let json = serde_json::to_string(&world).expect("serialise");
        let back: World = serde_json::from_str(&json).expect("deserialise");
        prop_assert!(back == world);
        // The same script always gives the same output and the same world.
        let script = lines.join("\n");
        let mut first = World::new();
        let mut second = World::new();
        prop_assert_eq!(run_script(&mut first, &script), run_script(&mut second, &script));
        prop_assert!(first == second && first == world);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() / 2, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// Undo returns exactly to the world before the undone action, however
    /// many times in a row; redo returns exactly to the world after it.
    #[test]
    fn undo_and_redo_return_to_exactly_the_worlds_before_and_after(
        ops in prop::collection::vec(op(), 60..140),
        moves in prop::collection::vec((0u8..8, 1u8..4, any::<bool>()), 60..140),
    ) {
        let mut world = World::new();
        let mut history = History::default();
        // worlds[i]: the world after the first i events that remain.
        let mut worlds = vec![world.clone()];
        for line in ["heroku create cedar-app", "heroku create fir-app --generation fir"] {
            prop_assert!(history.run(&mut world, line).1);
            worlds.push(world.clone());
        }
        for (step, op) in ops.iter().enumerate() {
            let line = command(&world, op, step);
            if history.run(&mut world, &line).1 {
                worlds.push(world.clone());
            }
            prop_assert_eq!(worlds.len(), history.events.len() + 1);
            let (chance, undos, redo) = moves[step % moves.len()];
            if chance != 0 {
                continue;
            }
            let mut undone = Vec::new();
            for _ in 0..undos {
                let had = !history.events.is_empty();
                let (output, changed) = history.run(&mut world, "sim undo");
                prop_assert_eq!(changed, had, "{}", output.text());
                if changed {
                    undone.push(worlds.pop().expect("a world per event"));
                }
                prop_assert!(Some(&world) == worlds.last(), "undo at step {} did not restore the world before `{}`", step, line);
            }
            if redo {
                if let Some(after) = undone.pop() {
                    prop_assert!(history.run(&mut world, "sim redo").1);
                    prop_assert!(world == after, "redo at step {} did not restore the world", step);
                    worlds.push(after);
                }
            }
            check_invariants(&world, step, "sim undo")?;
        }
    }
}

/// A time move as a user might type it, sensible or not.
fn clock_move() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<u64>(), prop::sample::select(vec!["s", "m", "h", "d", "w", "y", ""])).prop_map(|(n, unit)| format!("sim advance {n}{unit}")),
        (0u64..100_000, prop::sample::select(vec!["s", "m", "h", "d", "w"])).prop_map(|(n, unit)| format!("sim advance {n}{unit}")),
        (0u32..10_000, 1u32..13, 1u32..29, 0i32..24, prop::sample::select(vec!["Z", "+14:00", "-12:00", "+05:30"]))
            .prop_map(|(y, mo, d, h, zone)| format!("sim clock {y:04}-{mo:02}-{d:02}T{h:02}:00:00{zone}")),
        any::<String>().prop_map(|text| format!("sim clock {}", cli::compose::quote(&text))),
    ]
}

proptest! {
    /// Whatever is typed, the clock never runs backwards once an app
    /// exists, and never passes the last second of year 9999.
    #[test]
    fn the_clock_never_decreases(moves in prop::collection::vec(clock_move(), 1..40)) {
        let mut world = World::new();
        prop_assert!(cli::run(&mut world, "heroku create timekeeper").ok);
        for line in &moves {
            let before = world.now();
            let output = cli::run(&mut world, line);
            prop_assert!(world.now() >= before, "`{}` moved the clock from {:?} back to {:?}", line, before, world.now());
            prop_assert!(world.now() <= LAST_SECOND, "`{}` passed the last second: {:?}", line, world.now());
            if !output.ok {
                prop_assert_eq!(world.now(), before, "a refused `{}` moved the clock", line);
            }
        }
    }

    /// Every record the log writes decodes on the fast path to itself, as
    /// the full parser reads it.
    #[test]
    fn stored_records_decode_the_same_on_the_fast_path(line in any::<String>(), changed in any::<bool>(), rules in 1u32..=2) {
        let record = release_lab::workspace::Event::record(&line, changed, rules);
        let text = record.to_json();
        prop_assert_eq!(release_lab::workspace::Event::from_canonical(&text), Some(record.clone()));
        prop_assert_eq!(release_lab::workspace::Event::from_json(&text), Ok(record));
    }

    /// Any words the forms compose come back from the lexer unchanged.
    #[test]
    fn composed_lines_split_back_into_the_same_words(words in prop::collection::vec(any::<String>(), 1..6)) {
        let text = cli::compose::line(&words);
        prop_assert_eq!(cli::lexer::split(&text).expect("a composed line always splits"), words);
    }

    /// Tab never panics or changes the world, keeps every word before the
    /// one being completed, and only ever extends that word.
    #[test]
    fn completing_keeps_the_words_before_the_cursor(
        prefix in prop::sample::select(COMPLETION_PREFIXES),
        tail in prop_oneof![any::<String>(), "[a-z0-9:=' \"\\\\-]{0,12}"],
    ) {
        let world = completion_world();
        let before = world.clone();
        let line = format!("{prefix}{tail}");
        let completion = cli::complete::complete(&world, &line);
        prop_assert!(world == before);
        let typed = cli::lexer::scan(&line);
        let kept = typed.words.len() - usize::from(typed.ends_in_word);
        let current = if typed.ends_in_word { typed.words.last().map(|w| w.text.clone()).unwrap_or_default() } else { String::new() };
        for candidate in &completion.candidates {
            prop_assert!(candidate.starts_with(&current), "{:?} lists {:?}", line, candidate);
        }
        prop_assert!(completion.candidates.len() != 1);
        if completion.line != line {
            let done = cli::lexer::scan(&completion.line);
            prop_assert!(done.error.is_none(), "{:?} became {:?}", line, completion.line);
            let texts = |scan: &cli::lexer::Scan| scan.words.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
            prop_assert_eq!(&texts(&done)[..kept], &texts(&typed)[..kept]);
            prop_assert_eq!(done.words.len(), kept + 1);
            prop_assert!(done.words[kept].text.starts_with(&current), "{:?} became {:?}", line, completion.line);
        }
    }
}

/// Where random text is appended for the completion property.
const COMPLETION_PREFIXES: &[&str] = &[
    "", "heroku ", "git ", "sim ", "help ", "heroku releases:info -a ", "heroku config:get -a cedar-app ", "heroku config:set ",
    "heroku addons:upgrade ", "git revert -a cedar-app ", "heroku releases --app=", "sim retention -a fir-app ", "heroku rollback -- ",
];

fn completion_world() -> World {
    let mut world = World::new();
    for line in [
        "heroku create cedar-app",
        "heroku create fir-app --generation fir",
        "git commit -m First -a cedar-app",
        "git push heroku main -a cedar-app",
        "heroku config:set A=1 AB=2 -a cedar-app",
        "heroku addons:create heroku-redis:mini -a cedar-app",
    ] {
        assert!(cli::run(&mut world, line).ok, "{line}");
    }
    world
}
