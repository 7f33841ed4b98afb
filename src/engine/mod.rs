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
