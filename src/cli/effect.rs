//! What a command did, as data beside its printed lines, so a view or an
//! API never has to parse text.

pub use crate::engine::error::{ErrorKind, Resource};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    /// The app the command was about, once resolved (for `create`, the new app's name).
    pub app: Option<String>,
    /// Every release the command created, in order, as (app, version).
    pub releases: Vec<(String, u32)>,
    /// Why the command failed, when it did.
    pub failure: Option<Failure>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: ErrorKind,
    /// The CLI's wording, without any ` ›   Error: ` or ` !    ` prefix, lines joined by '\n'.
    /// Raw errors (git's, `sim`'s, the shell's) are worded exactly as printed.
    pub message: String,
}
