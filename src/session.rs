//! A workspace's session: the world plus the history that undo needs. Pure.
//!
//! Every line of a session, typed or run by a form, goes through `run`.
//! `sim undo` and `sim redo` live here, above `cli::run`, because taking an
//! action back needs the lines that built the world: undo replays all the
//! remaining ones from the start, so "as if it had never happened" holds
//! exactly (clock, random ids and all). Everything else goes to `cli::run`.

use crate::cli::{self, Output};
use crate::engine::{ErrorKind, World};

pub const UNDO: &str = "sim undo";
pub const REDO: &str = "sim redo";

/// What undo and redo need beside the world.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// The world before the first event (a fresh one for every workspace).
    base: World,
    /// The lines that built the world, in order: what an export holds.
    pub events: Vec<String>,
    /// Lines undo took back, the most recent last. A new event clears them.
    pub undone: Vec<String>,
}

/// Which of the session's own commands a line is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

impl Step {
    /// `sim undo` or `sim redo`, however it is spaced or quoted.
    pub fn of(line: &str) -> Option<Step> {
        // The first word must be `sim`: it starts with `s` or with quoting.
        // Most lines are not, and lexing each one twice slows a replay.
        if !matches!(line.trim_start().chars().next(), Some('s' | '\'' | '"' | '\\')) {
            return None;
        }
        let words = cli::lexer::split(line).ok()?;
        match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["sim", "undo"] => Some(Step::Undo),
            ["sim", "redo"] => Some(Step::Redo),
            _ => None,
        }
    }
}

impl History {
    /// A history whose undo stops at an empty world following the rules of
    /// `schema` (a saved workspace's, which may be older than this build's).
    pub fn following(schema: u32) -> History {
        History::starting_from(World::following(schema))
    }

    /// A history whose undo stops at `base`.
    pub fn starting_from(base: World) -> History {
        History { base, events: Vec::new(), undone: Vec::new() }
    }

    /// The rules of the workspace (its starting world's): what its records,
    /// exports and links say, whatever `sim rules` did since.
    pub fn rules(&self) -> u32 {
        self.base.schema_version
    }

    /// The world the remaining events build.
    fn rebuild(&self) -> World {
        let mut world = self.base.clone();
        for line in &self.events {
            cli::run(&mut world, line);
        }
        world
    }

    /// Runs one line; also says whether it changed the world (undo and
    /// redo do, when there was something to take back or bring back).
    pub fn run(&mut self, world: &mut World, line: &str) -> (Output, bool) {
        match Step::of(line) {
            Some(Step::Undo) => self.undo(world),
            Some(Step::Redo) => self.redo(world),
            None => {
                let (output, changed) = crate::workspace::apply(world, line);
                if changed {
                    self.events.push(line.to_string());
                    self.undone.clear();
                }
                (output, changed)
            }
        }
    }

    fn undo(&mut self, world: &mut World) -> (Output, bool) {
        let mut output = Output::new();
        let Some(line) = self.events.pop() else {
            output.fail_raw(ErrorKind::Unavailable, "sim undo: nothing to undo.");
            return (output, false);
        };
        *world = self.rebuild();
        output.out(format!("Undone: {line}"));
        self.undone.push(line);
        (output, true)
    }

    fn redo(&mut self, world: &mut World) -> (Output, bool) {
        let mut output = Output::new();
        let Some(line) = self.undone.pop() else {
            output.fail_raw(ErrorKind::Unavailable, "sim redo: nothing to redo.");
            return (output, false);
        };
        // The world is exactly as it was before the undone line ran, so it
        // runs again to the very same result.
        cli::run(world, &line);
        output.out(format!("Redone: {line}"));
        self.events.push(line);
        (output, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(lines: &[&str]) -> (World, History, Vec<Output>) {
        let mut world = World::new();
        let mut history = History::default();
        let outputs = lines.iter().map(|line| history.run(&mut world, line).0).collect();
        (world, history, outputs)
    }

    fn world_of(lines: &[&str]) -> World {
        session(lines).0
    }

    #[test]
    fn undo_is_as_if_the_action_never_happened() {
        let (world, history, outputs) = session(&["heroku create demo", "heroku config:set A=1 -a demo", "sim advance 3d", "sim undo", "sim undo"]);
        assert_eq!(world, world_of(&["heroku create demo"]));
        assert_eq!(history.events, ["heroku create demo"]);
        assert_eq!(history.undone, ["sim advance 3d", "heroku config:set A=1 -a demo"]);
        assert_eq!(outputs[3].text(), "Undone: sim advance 3d\n");
        assert_eq!(outputs[4].text(), "Undone: heroku config:set A=1 -a demo\n");
    }

    #[test]
    fn redo_brings_back_what_undo_took() {
        let (world, history, outputs) = session(&["heroku create demo", "heroku config:set A=1 -a demo", "sim undo", "heroku releases -a demo", "sim redo"]);
        assert_eq!(world, world_of(&["heroku create demo", "heroku config:set A=1 -a demo"]));
        assert_eq!(history.events, ["heroku create demo", "heroku config:set A=1 -a demo"]);
        assert!(history.undone.is_empty());
        assert_eq!(outputs[4].text(), "Redone: heroku config:set A=1 -a demo\n");
    }

    #[test]
    fn a_new_action_clears_what_could_be_redone() {
        let (_, history, outputs) = session(&["heroku create demo", "heroku config:set A=1 -a demo", "sim undo", "heroku config:set B=2 -a demo", "sim redo"]);
        assert!(!outputs[4].ok);
        assert_eq!(outputs[4].text(), "sim redo: nothing to redo.\n");
        assert_eq!(history.events, ["heroku create demo", "heroku config:set B=2 -a demo"]);
    }

    #[test]
    fn nothing_to_undo_changes_nothing() {
        let mut world = World::new();
        let mut history = History::default();
        let (output, changed) = history.run(&mut world, "sim undo");
        assert!(!changed && !output.ok);
        assert_eq!(output.text(), "sim undo: nothing to undo.\n");
        assert_eq!(world, World::new());
        // Queries and refusals are not events: undo skips past them.
        let (world, history, _) = session(&["heroku create demo", "heroku releases", "heroku rollback v9", "sim undo"]);
        assert_eq!(world, World::new());
        assert!(history.events.is_empty());
    }

    #[test]
    fn undo_and_redo_are_recognised_however_typed() {
        assert_eq!(Step::of("  sim   'undo' "), Some(Step::Undo));
        assert_eq!(Step::of("sim redo"), Some(Step::Redo));
        assert_eq!(Step::of("sim undo now"), None);
        assert_eq!(Step::of("sim 'undo"), None);
    }
}
