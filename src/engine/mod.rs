//! The release engine: plain Rust, no I/O, a simulated clock and seeded ids.
//! Same actions in, same world out.

pub mod actions;
pub mod addons;
pub mod app;
pub mod config;
pub mod diff;
pub mod error;
pub mod git;
pub mod outcome;
pub mod pipeline;
pub mod release;
pub mod retention;
pub mod rng;
pub mod sha1;
pub mod time;
pub mod world;

pub use error::{EngineError, ErrorKind, GitError, Resource};
pub use outcome::{Outcome, Push, Setting};
pub use world::{Action, TimedEvent, World};

/// Insertion sort for short or nearly sorted lists (apps, add-ons,
/// completions, a sweep's expired versions): one small loop costs the wasm
/// far less than the standard library's sorts, which it would carry once
/// per element type.
pub fn sort_small<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && less(&items[at], &items[at - 1]) {
            items.swap(at, at - 1);
            at -= 1;
        }
    }
}
