//! Release Lab: a faithful, offline simulator of Heroku's release system.
//!
//! `engine` is the pure release engine; `cli` parses command lines and
//! renders their output; `script` runs whole transcripts. See ARCHITECTURE.md.

pub mod cli;
pub mod engine;
pub mod script;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod web;
