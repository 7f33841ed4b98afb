//! The built-in lessons: every solution passes, every wrong path fails,
//! and neither the start nor looking around passes. Broken lesson files
//! get errors that name their line.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::lesson::{built_in, Lesson, LessonError};
use std::process::Command;

fn lessons() -> Vec<Lesson> {
    built_in::SOURCES.iter().map(|source| Lesson::parse(source).unwrap_or_else(|e| panic!("a built-in lesson is broken: {e}"))).collect()
}

#[test]
fn the_index_the_directory_and_the_runner_list_the_same_lessons() {
    let mut files: Vec<String> = std::fs::read_dir("lessons")
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    files.sort();
    let index: Vec<String> = std::fs::read_to_string("lessons/index.txt").unwrap().lines().map(str::to_string).collect();
    assert_eq!(index, files, "lessons/index.txt lists the files the browser fetches");
    let lessons = lessons();
    assert_eq!(lessons.len(), files.len(), "src/lesson/built_in.rs includes every file");
    assert!(lessons.len() >= 12);
    for (lesson, file) in lessons.iter().zip(&files) {
        assert_eq!(file, &format!("{}-{}.md", &file[..2], lesson.id), "file names are NN-ID.md, in order");
        assert!(!lesson.docs.is_empty() && !lesson.text.is_empty(), "{} names its docs and explains", lesson.id);
        assert!(!lesson.wrong_paths.is_empty(), "{} has a wrong path that must fail", lesson.id);
    }
}

#[test]
fn every_start_line_runs() {
    for lesson in lessons() {
        let mut world = release_lab::engine::World::new();
        let mut history = release_lab::session::History::starting_from(world.clone());
        for line in &lesson.start {
            let before = world.revision;
            let (output, _) = history.run(&mut world, line);
            assert!(output.ok, "{}: the start line `{line}` failed:\n{}", lesson.id, output.text());
            // The page counts the start's lines in the log (and a link's
            // events) to know where the learner's begin.
            assert!(world.revision > before, "{}: the start line `{line}` changes nothing", lesson.id);
        }
    }
}

#[test]
fn every_solution_meets_every_goal() {
    for lesson in lessons() {
        let attempt = lesson.attempt(&lesson.solution.join("\n"));
        assert!(attempt.met.iter().all(|m| *m), "{}: the solution leaves goals unmet: {:?}\n{}", lesson.id, attempt.met, attempt.transcript);
    }
}

#[test]
fn every_wrong_path_fails() {
    for lesson in lessons() {
        for wrong in &lesson.wrong_paths {
            let attempt = lesson.attempt(&wrong.lines.join("\n"));
            assert!(!attempt.met.iter().all(|m| *m), "{}: the wrong path \"{}\" passes", lesson.id, wrong.name);
        }
    }
}

#[test]
fn looking_around_or_waiting_solves_nothing() {
    let looking = "heroku releases\nheroku releases:info\nheroku config\nheroku addons\nheroku apps\ngit log\nsim advance 1m\nheroku releases";
    for lesson in lessons() {
        assert!(!lesson.attempt("").met.iter().all(|m| *m), "{}: the start already passes", lesson.id);
        assert!(!lesson.attempt(looking).met.iter().all(|m| *m), "{}: looking around passes", lesson.id);
    }
}

#[test]
fn goals_are_checked_on_the_world_so_another_correct_path_counts() {
    let lesson = lessons().into_iter().find(|l| l.id == "rollback-previous").unwrap();
    // The form's way of writing it, with the app named and the version given.
    assert!(lesson.attempt("heroku rollback v4 -a shop").met.iter().all(|m| *m));
    // Aliases and short flags count as the command and flag they stand for.
    let listing = lessons().into_iter().find(|l| l.id == "listing").unwrap();
    assert!(listing.attempt("heroku releases --num=3 -a shop").met.iter().all(|m| *m));
    assert!(listing.attempt("heroku releases -a shop -n 3").met.iter().all(|m| *m));
    // A refused command is not a run one.
    assert!(!listing.attempt("heroku releases -n 3 -a nope").met.iter().all(|m| *m));
}

fn error(source: &str) -> LessonError {
    Lesson::parse(source).expect_err("the lesson is broken")
}

const GOOD: &str = "# T\nid: t\ndocs: https://devcenter.heroku.com/articles/releases\n\nText.\n\n## Start\n```\nheroku create shop\n```\n\n## Goals\n- Roll back: `release shop current is rollback`\n\n## Hints\n- Use rollback.\n\n## Solution\n```\nheroku rollback\n```\n";

#[test]
fn a_broken_lesson_file_gets_an_error_that_names_the_line() {
    assert!(Lesson::parse(GOOD).is_ok());
    let cases = [
        (GOOD.replace("# T\n", "T\n"), 1, "starts with its title"),
        (GOOD.replace("id: t\n", "id: T!\n"), 2, "lowercase"),
        (GOOD.replace("id: t\n", "author: me\n"), 2, "header line"),
        (format!("\n\n{}", GOOD.replace("id: t\n", "")), 3, "needs an id"),
        (GOOD.replace("`release shop current is rollback`", "`release shop current is backwards`"), 13, "backwards is not a kind of release"),
        (GOOD.replace("`release shop current is rollback`", "release shop current is rollback"), 13, "backquotes"),
        (GOOD.replace("`release shop current is rollback`", "`ran heroku nosuch`"), 13, "heroku nosuch is not a command"),
        (GOOD.replace("## Hints", "## Tips"), 15, "unknown section \"Tips\""),
        (GOOD.replace("```\nheroku rollback\n```\n", "heroku rollback\n"), 19, "inside a ``` block"),
        (GOOD.replace("```\nheroku rollback\n```\n", "```\nheroku rollback\n"), 19, "never closed"),
        (GOOD.replace("## Goals\n- Roll back: `release shop current is rollback`\n", "## Goals\n"), 20, "Goals section"),
    ];
    for (source, line, words) in cases {
        let error = error(&source);
        assert_eq!(error.line, line, "{error}");
        assert!(error.to_string().contains(words), "{error} should say {words}");
        assert!(error.to_string().starts_with(&format!("line {line}: ")));
    }
}

#[test]
fn the_runner_prints_goals_and_exits_0_only_when_all_are_met() {
    let runner = env!("CARGO_BIN_EXE_release-lab");
    let listed = Command::new(runner).arg("lessons").output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(listed.lines().count(), lessons().len());
    assert!(listed.lines().zip(lessons()).all(|(line, lesson)| line.starts_with(&format!("{} ", lesson.id))));

    let solution = Command::new(runner).args(["lesson", "rollback-previous", "--solution"]).output().unwrap();
    assert_eq!(String::from_utf8(solution.stdout).unwrap(), "heroku rollback\n");

    let dir = std::env::temp_dir().join(format!("release-lab-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "heroku rollback\n").unwrap();
    let passed = Command::new(runner).args(["lesson", "rollback-previous", good.to_str().unwrap()]).output().unwrap();
    assert_eq!(passed.status.code(), Some(0));
    let text = String::from_utf8(passed.stdout).unwrap();
    assert!(text.starts_with("$ heroku rollback\nRolling back ⬢ shop to v4... done, v6\n"), "{text}");
    assert!(text.ends_with("Goals of rollback-previous:\n  met     Roll back to v4, the release before the bad change\n  met     The app has the good address again\n2 of 2 goals met.\n"), "{text}");

    let wrong = dir.join("wrong.txt");
    std::fs::write(&wrong, "heroku config:set PAYMENTS_URL=https://pay.example.com\n").unwrap();
    let failed = Command::new(runner).args(["lesson", "rollback-previous", wrong.to_str().unwrap()]).output().unwrap();
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8(failed.stdout).unwrap().ends_with("  not met Roll back to v4, the release before the bad change\n  met     The app has the good address again\n1 of 2 goals met.\n"));

    // A trainer's own file, and a broken one.
    let own = dir.join("own.md");
    std::fs::write(&own, GOOD).unwrap();
    let ran = Command::new(runner).args(["lesson", own.to_str().unwrap(), good.to_str().unwrap()]).output().unwrap();
    assert_eq!(ran.status.code(), Some(1), "rolling back an app with no eligible release fails the goal");
    std::fs::write(&own, GOOD.replace("## Hints", "## Tips")).unwrap();
    let broken = Command::new(runner).args(["lesson", own.to_str().unwrap(), "--solution"]).output().unwrap();
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8(broken.stderr).unwrap().contains("own.md: line 15: unknown section"));
    let missing = Command::new(runner).args(["lesson", "no-such-lesson", "--solution"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
