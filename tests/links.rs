//! Share links from earlier builds keep opening: every
//! `tests/fixtures/links/*.link` is the fragment a build's "Copy link"
//! made (`#[lesson=ID&]lab=1.` + the workspace file, deflate-raw, in
//! base64url); its `.expected.txt` is `heroku releases -a shop -n 100` in
//! the world it rebuilt. Never rewritten. The browser test
//! (`tests/e2e/lessons.mjs`) opens the same links in Chromium.
#![cfg(not(target_arch = "wasm32"))]

use release_lab::script::run_script;
use release_lab::workspace;
use std::path::Path;

fn base64url(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => panic!("{} is not base64url", c as char),
    } as u32;
    let mut bytes = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let bits = chunk.iter().enumerate().fold(0u32, |acc, (i, c)| acc | value(*c) << (18 - 6 * i));
        bytes.extend_from_slice(&bits.to_be_bytes()[1..chunk.len()]);
    }
    bytes
}

/// The workspace file a fragment carries.
fn workspace_of(fragment: &str) -> String {
    let lab = fragment.trim_start_matches('#').split('&').find_map(|part| part.strip_prefix("lab=")).expect("a lab= part");
    let code = lab.strip_prefix("1.").expect("format 1");
    let bytes = miniz_oxide::inflate::decompress_to_vec(&base64url(code)).expect("deflate-raw");
    String::from_utf8(bytes).expect("UTF-8")
}

/// A `heroku releases` listing without its layout: each line's words, no
/// rules or blank lines. The `.expected.txt` files were printed by the
/// build that made each link and are never rewritten; the world must
/// rebuild the same, while the table's spacing follows the CLI's.
fn table_content(listing: &str) -> Vec<String> {
    listing
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !line.chars().all(|c| c == '─' || c == ' '))
        .collect()
}

#[test]
fn every_saved_link_rebuilds_the_same_world() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "link") {
            continue;
        }
        let fragment = std::fs::read_to_string(&path).unwrap();
        let (mut world, _) = workspace::import(&workspace_of(fragment.trim())).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected = std::fs::read_to_string(path.with_extension("expected.txt")).unwrap();
        let actual = run_script(&mut world, "heroku releases -a shop -n 100");
        assert_eq!(table_content(&actual), table_content(&expected), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "the fixtures hold a workspace link and a lesson link");
}

#[test]
fn base64url_decodes_every_length() {
    assert_eq!(base64url("aGVsbG8"), b"hello");
    assert_eq!(base64url("aGVsbG8h"), b"hello!");
    assert_eq!(base64url("aGk"), b"hi");
}
