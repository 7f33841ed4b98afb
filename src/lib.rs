//! Release Lab: a faithful, offline simulator of Heroku's release system.
//!
//! `engine` is the pure release engine; `cli` parses command lines and
//! renders their output; `session` adds undo and redo above it; `script`
//! runs whole transcripts and `transcript` writes them out; `lesson`
//! reads lesson files and checks their goals. See ARCHITECTURE.md.

pub mod cli;
pub mod engine;
pub mod lesson;
pub mod markup;
pub mod script;
pub mod session;
pub mod timeline;
pub mod transcript;
pub mod workspace;

/// The Platform API emulator (`release-lab api`): native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod emulator;

#[cfg(target_arch = "wasm32")]
pub mod web;
