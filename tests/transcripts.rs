//! The engine's spec: every `tests/transcripts/*.txt` is a script with its
//! exact expected output. Lines starting with `$ ` are commands; lines
//! starting with `#` are comments; everything else is expected output.
//!
//! `BLESS=1 cargo test --test transcripts` rewrites the files from the
//! current behaviour, keeping comments; review the diff before committing.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::engine::World;
use release_lab::script::run_script;
use std::path::Path;

fn is_comment(line: &str) -> bool {
    line.starts_with('#')
}

fn commands(text: &str) -> Vec<&str> {
    text.lines().filter_map(|l| l.strip_prefix("$ ")).collect()
}

fn expected_without_comments(text: &str) -> String {
    text.lines().filter(|l| !is_comment(l)).map(|l| format!("{l}\n")).collect()
}

/// The actual transcript with each command's preceding comments put back.
fn blessed(original: &str, actual: &str) -> String {
    let mut comments: Vec<Vec<&str>> = Vec::new();
    let mut pending = Vec::new();
    for line in original.lines() {
        if is_comment(line) {
            pending.push(line);
        } else if line.starts_with("$ ") {
            comments.push(std::mem::take(&mut pending));
        }
    }
    let mut out = String::new();
    let mut index = 0;
    for line in actual.lines() {
        if line.starts_with("$ ") {
            for comment in comments.get(index).into_iter().flatten() {
                out.push_str(comment);
                out.push('\n');
            }
            index += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    for comment in pending {
        out.push_str(comment);
        out.push('\n');
    }
    out
}

fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {} (comments excluded):\n  expected: {e:?}\n  actual:   {a:?}", n + 1);
        }
    }
    format!("lengths differ: expected {} lines, got {}", expected.lines().count(), actual.lines().count())
}

#[test]
fn transcripts_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("tests/transcripts exists").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    let bless = std::env::var_os("BLESS").is_some();
    assert!(bless || paths.len() >= 8, "expected the transcript suite, found {} files", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable transcript");
        let script = commands(&text).join("\n");
        assert!(!script.is_empty(), "{} has no commands", path.display());
        let actual = run_script(&mut World::new(), &script);
        let expected = expected_without_comments(&text);
        if actual != expected {
            if bless {
                std::fs::write(path, blessed(&text, &actual)).expect("writable transcript");
            } else {
                failures.push(format!("{}: {}", path.display(), first_difference(&expected, &actual)));
            }
        }
    }
    assert!(failures.is_empty(), "transcripts differ (BLESS=1 to accept):\n{}", failures.join("\n"));
}
