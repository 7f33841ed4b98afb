//! A workspace as it is stored and shared. Stored: an append-only log of
//! every line run in it (`Event`), each marked with whether it changed the
//! world, `sim undo` and `sim redo` included. Shared: an export of the
//! events that remain. The world is rebuilt by replaying them; the log is
//! the only copy of the state. Pure: the browser shell does the I/O.
//!
//! There are no stored snapshots of the world. Measured in the browser at
//! 10,000 releases, a reload from a JSON snapshot took 444 ms and one that
//! replays the log 392–409 ms; and reading snapshots needs the whole
//! world's deserializer, about 30 kB of gzipped wasm.

use crate::cli;
use crate::engine::world::{schema, SCHEMA_VERSION};
use crate::engine::World;
use crate::session::{History, Step};
use crate::cli::json::{object, Json};
use thiserror::Error;

pub const EXPORT_FORMAT: &str = "release-lab-workspace";
/// 2: `schema` at the top, no `state`. 1 also carried the derived world
/// in `state`; such files still import (the state is rebuilt, not read).
pub const EXPORT_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum WorkspaceError {
    #[error("this is not JSON: {0}")]
    NotJson(String),
    #[error("this is not a Release Lab workspace file (format \"{0}\")")]
    WrongFormat(String),
    #[error("this file was written by a newer Release Lab (version {found}; this one reads up to {supported})")]
    FutureVersion { found: u32, supported: u32 },
    #[error("the saved state is from a newer Release Lab (schema {found}; this one reads up to {supported})")]
    FutureSchema { found: u32, supported: u32 },
    #[error("the saved state is damaged: {0}")]
    Damaged(String),
    #[error("event {index} does not replay: `{line}` was refused: {output}")]
    EventRefused { index: usize, line: String, output: String },
    #[error("event {index} does not replay: `{line}` was saved as changing nothing, but it changes the world")]
    QueryChanged { index: usize, line: String },
    #[error("the file is {} MB ({bytes} bytes); Release Lab imports workspace files up to {} MB ({limit} bytes)", megabytes(*bytes), megabytes(*limit))]
    FileTooLarge { bytes: usize, limit: usize },
    #[error("the file holds {events} events; Release Lab imports up to {limit} events")]
    TooManyEvents { events: usize, limit: usize },
}

/// The largest workspace file an import reads. An export of
/// `MAX_IMPORT_EVENTS` typical events is about 6 MB.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
/// The most events an import replays: a browser checks them at roughly
/// 10,000 a second, so an import stays well under a minute.
pub const MAX_IMPORT_EVENTS: usize = 100_000;

/// "16.0": megabytes to one decimal, in whole numbers (the wasm carries no float formatting).
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl WorkspaceError {
    /// The number of the record a replay stopped at, when it stopped at one.
    pub fn record(&self) -> Option<usize> {
        match self {
            WorkspaceError::EventRefused { index, .. } | WorkspaceError::QueryChanged { index, .. } => Some(*index),
            _ => None,
        }
    }
}

/// The newest log record format this build reads. 1: a command line that
/// changed the world. 2 adds the lines that did not (`"kind":"query"`:
/// queries and refused commands, kept so the terminal's log survives a
/// reload) and `sim undo`/`sim redo`. Plain events stay at 1, so a log
/// without undo or queries is still read by builds that know only 1.
///
/// From 3, a record says the rules (`engine::world::schema`) of its
/// workspace: record schema N belongs to a workspace of rules N - 1, so 3
/// is rules 2 and 4 is rules 3. A log's rules are its first record's: a
/// workspace keeps them, and a build that does not know a record schema
/// refuses the log rather than replay it by rules it does not have.
pub const LOG_SCHEMA: u32 = SCHEMA_VERSION + RULES_OFFSET;

/// Record schema minus rules, from rules 2 (record schema 3) on.
const RULES_OFFSET: u32 = 1;

/// One stored record of a workspace's log: a command line, and whether it
/// changed the world (an event) or not (a query).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub schema: u32,
    pub line: String,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The line changed the world: replaying it must change it again.
    Event,
    /// The line changed nothing: replaying it must change nothing.
    Query,
}

impl Event {
    /// A line that changed a world following the rules of `rules` (its `schema_version`).
    pub fn new(line: &str, rules: u32) -> Event {
        Event::record(line, true, rules)
    }

    /// A line as the log of a workspace following `rules` keeps it, with
    /// the oldest schema that can say it.
    pub fn record(line: &str, changed: bool, rules: u32) -> Event {
        let plain = changed && Step::of(line).is_none();
        Event {
            schema: match rules {
                schema::ORIGINAL if plain => 1,
                schema::ORIGINAL => 2,
                rules => rules + RULES_OFFSET,
            },
            line: line.to_string(),
            kind: if changed { Kind::Event } else { Kind::Query },
        }
    }

    /// The rules (world schema) of the workspace this record belongs to.
    pub fn rules(&self) -> u32 {
        if self.schema > schema::API_ORACLE {
            self.schema - RULES_OFFSET
        } else {
            schema::ORIGINAL
        }
    }

    /// `{"schema":N,"line":"…"}`, with `"kind":"query"` for a query: the
    /// records' one written form (`from_canonical` reads it back). Written
    /// with `cli::json`, so the wasm carries no serde `Serialize` for it.
    pub fn to_json(&self) -> String {
        let mut fields = vec![("schema", Json::from(self.schema)), ("line", Json::from(self.line.as_str()))];
        if self.kind == Kind::Query {
            fields.push(("kind", Json::from("query")));
        }
        Json::Object(fields).compact()
    }

    /// Parses a stored event with serde_json (native; the browser decodes
    /// with its own parser and calls `decode`).
    pub fn from_json(text: &str) -> Result<Event, WorkspaceError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| WorkspaceError::Damaged(format!("event: {e}")))?;
        Event::decode(&value)
    }

    /// Reads a record exactly as `to_json` writes it, without a JSON
    /// parser: the browser decodes thousands at a reload this way, in one
    /// pass. Anything else (another key order, other escapes, an unknown
    /// schema) gives `None`, and the caller parses it in full; a result is
    /// only returned when writing it back gives `text` byte for byte, so
    /// it is always what the full parser would read.
    pub fn from_canonical(text: &str) -> Option<Event> {
        let rest = text.strip_prefix(r#"{"schema":"#)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let schema: u32 = rest[..digits].parse().ok()?;
        let rest = rest[digits..].strip_prefix(r#","line":""#)?;
        let (line, rest) = unescape_json_string(rest)?;
        let kind = match rest {
            "}" => Kind::Event,
            r#","kind":"query"}"# => Kind::Query,
            _ => return None,
        };
        if !(1..=LOG_SCHEMA).contains(&schema) {
            return None;
        }
        let event = Event { schema, line, kind };
        (event.to_json() == text).then_some(event)
    }

    pub fn decode(object: &impl JsonObject) -> Result<Event, WorkspaceError> {
        let schema = object.number("schema")?.unwrap_or(0);
        check_schema(schema, LOG_SCHEMA)?;
        let line = object.string("line")?.ok_or_else(|| WorkspaceError::Damaged("event: it has no line".to_string()))?;
        let kind = match object.string("kind")?.as_deref() {
            None | Some("event") => Kind::Event,
            Some("query") => Kind::Query,
            Some(other) => return Err(WorkspaceError::Damaged(format!("event: unknown kind \"{other}\""))),
        };
        Ok(Event { schema, line, kind })
    }
}

/// The body of a JSON string up to its closing quote (the opening one
/// already read), unescaped, and the text after it.
fn unescape_json_string(text: &str) -> Option<(String, &str)> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[at + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                out.push(match escape {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'u' => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        // serde_json writes only control characters this
                        // way; surrogates and the rest go to the full parser.
                        char::from_u32(code).filter(|c| c.is_control())?
                    }
                    _ => return None,
                });
            }
            c if (c as u32) < 0x20 => return None,
            c => out.push(c),
        }
    }
    None
}

/// Read access to a parsed JSON document. Native code parses with
/// serde_json; the browser build uses the browser's `JSON.parse`
/// (`web::json`), so it ships no JSON parser of its own (17 kB of gzipped
/// wasm). Checks stay here, shared by both.
pub trait JsonObject: Sized {
    /// A string field: `Ok(None)` when absent, an error when of another type.
    fn string(&self, name: &str) -> Result<Option<String>, WorkspaceError>;
    /// A whole number from 0 to u32::MAX.
    fn number(&self, name: &str) -> Result<Option<u32>, WorkspaceError>;
    /// An array of strings.
    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, WorkspaceError>;
    /// A nested object, if there is one.
    fn object(&self, name: &str) -> Option<Self>;
}

/// The error for a field of the wrong type.
pub fn wrong_type(name: &str, expected: &str) -> WorkspaceError {
    WorkspaceError::Damaged(format!("`{name}` is not {expected}"))
}

impl JsonObject for serde_json::Value {
    fn string(&self, name: &str) -> Result<Option<String>, WorkspaceError> {
        match self.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => value.as_str().map(|s| Some(s.to_string())).ok_or_else(|| wrong_type(name, "a string")),
        }
    }

    fn number(&self, name: &str) -> Result<Option<u32>, WorkspaceError> {
        match self.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            // 2.0 is a whole number, as it is to the browser's parser.
            Some(value) => value
                .as_u64()
                .or_else(|| value.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0).map(|n| n as u64))
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| wrong_type(name, "a whole number")),
        }
    }

    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, WorkspaceError> {
        match self.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_string).ok_or_else(|| wrong_type(name, "a list of strings")))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(wrong_type(name, "a list of strings")),
        }
    }

    fn object(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| v.is_object()).cloned()
    }
}

/// Checks a schema number: `LOG_SCHEMA` for the log's records, the world's
/// `SCHEMA_VERSION` for an export (whose events are all plain ones).
fn check_schema(found: u32, supported: u32) -> Result<(), WorkspaceError> {
    match found {
        0 => Err(WorkspaceError::Damaged("missing schema version".to_string())),
        found if found > supported => Err(WorkspaceError::FutureSchema { found, supported }),
        // Migrations from older schemas go here, one step per version.
        _ => Ok(()),
    }
}

/// Runs one command line; also says whether it changed the world.
pub fn apply(world: &mut World, line: &str) -> (cli::Output, bool) {
    let before = world.revision;
    let output = cli::run(world, line);
    let changed = world.revision != before;
    (output, changed)
}

/// Replays stored events onto `world`. Every event must change it again,
/// or the log does not belong to this world.
pub fn replay<'a>(world: &mut World, lines: impl IntoIterator<Item = &'a str>, first_index: usize) -> Result<(), WorkspaceError> {
    for (offset, line) in lines.into_iter().enumerate() {
        let (output, changed) = apply(world, line);
        if !changed {
            return Err(WorkspaceError::EventRefused { index: first_index + offset, line: line.to_string(), output: output.text().trim_end().to_string() });
        }
    }
    Ok(())
}

/// Replays a workspace's log (events and queries) in a session: each
/// record must change the world exactly when it says it did. `each` sees
/// every line with its output, for the terminal.
pub fn replay_log<'a>(
    world: &mut World,
    history: &mut History,
    records: impl IntoIterator<Item = &'a Event>,
    first_index: usize,
    mut each: impl FnMut(&'a str, cli::Output),
) -> Result<(), WorkspaceError> {
    for (offset, record) in records.into_iter().enumerate() {
        let (output, changed) = history.run(world, &record.line);
        if changed != (record.kind == Kind::Event) {
            let index = first_index + offset;
            return Err(if changed {
                WorkspaceError::QueryChanged { index, line: record.line.clone() }
            } else {
                WorkspaceError::EventRefused { index, line: record.line.clone(), output: output.text().trim_end().to_string() }
            });
        }
        each(&record.line, output);
    }
    Ok(())
}

/// The session `records` leave, built by running only what it needs: undo
/// and redo are resolved on the lines alone (each record's `Kind` says
/// whether it took effect), queries are skipped, and only the events that
/// remain run, each checked to change the world. The world and history are
/// the ones `replay_log` builds from the start, but a log full of undos and
/// queries costs no more than its remaining events. For the records whose
/// output nobody will see (a reload's older lines).
/// `rules` is the workspace's (`log_rules`), which these records may not include.
pub fn fast_forward(records: &[Event], first_index: usize, rules: u32) -> Result<(World, History), WorkspaceError> {
    // Each event with the number of the record that made it.
    let mut events: Vec<(usize, &str)> = Vec::new();
    let mut undone: Vec<(usize, &str)> = Vec::new();
    for (index, record) in (first_index..).zip(records) {
        if record.kind == Kind::Query {
            continue;
        }
        let nothing_there = || WorkspaceError::EventRefused { index, line: record.line.clone(), output: "there was nothing to take back or bring back".to_string() };
        match Step::of(&record.line) {
            Some(Step::Undo) => undone.push(events.pop().ok_or_else(nothing_there)?),
            Some(Step::Redo) => events.push(undone.pop().ok_or_else(nothing_there)?),
            None => {
                events.push((index, &record.line));
                undone.clear();
            }
        }
    }
    let mut world = World::following(rules);
    replay(&mut world, events.iter().map(|(_, line)| *line), 0).map_err(|error| match error {
        // Name the record the refused event came from.
        WorkspaceError::EventRefused { index, line, output } => {
            WorkspaceError::EventRefused { index: events.get(index).map_or(index, |(record, _)| *record), line, output }
        }
        other => other,
    })?;
    let mut history = History::following(rules);
    history.events = events.into_iter().map(|(_, line)| line.to_string()).collect();
    history.undone = undone.into_iter().map(|(_, line)| line.to_string()).collect();
    Ok((world, history))
}

/// The rules of the workspace a log belongs to: its first record's, or the
/// newest for a log not yet begun.
pub fn log_rules(records: &[Event]) -> u32 {
    records.first().map_or(SCHEMA_VERSION, Event::rules)
}

/// The versioned JSON file a user downloads: the events of a workspace
/// that follows the rules of `schema` (its world's `schema_version`).
pub fn export(events: &[String], schema: u32) -> String {
    // `schema`: the rules the event lines were written under.
    let events = Json::List(events.iter().map(|line| Json::from(line.as_str())).collect());
    object([("format", EXPORT_FORMAT.into()), ("version", EXPORT_VERSION.into()), ("schema", schema.into()), ("events", events)]).compact()
}

/// Parses a workspace file with serde_json and imports it (native; the
/// browser parses with its own parser and calls `import_document`).
pub fn import(text: &str) -> Result<(World, Vec<String>), WorkspaceError> {
    check_file_size(text.len())?;
    let document: serde_json::Value = serde_json::from_str(text).map_err(|e| WorkspaceError::NotJson(e.to_string()))?;
    import_document(&document)
}

/// Refuses a workspace file over `MAX_IMPORT_BYTES` before it is read.
pub fn check_file_size(bytes: usize) -> Result<(), WorkspaceError> {
    if bytes > MAX_IMPORT_BYTES {
        return Err(WorkspaceError::FileTooLarge { bytes, limit: MAX_IMPORT_BYTES });
    }
    Ok(())
}

/// Validates a parsed workspace file completely before anything is
/// replaced: its versions must be known and every event must replay from
/// scratch.
pub fn import_document(document: &impl JsonObject) -> Result<(World, Vec<String>), WorkspaceError> {
    let mut import = Import::start(document, 0)?;
    while !import.step(usize::MAX)? {}
    let (world, events, _) = import.finish();
    Ok((world, events))
}

/// An import being checked a slice at a time, so a page can show progress
/// and stay responsive: `start` reads the file's header and its events,
/// `step` replays some of them, `finish` gives the world they built.
pub struct Import {
    world: World,
    rules: u32,
    events: Vec<String>,
    replayed: usize,
    /// How many of the last events to keep with their output (a terminal
    /// shows them), and those kept.
    with_output: usize,
    shown: Vec<(String, cli::Output)>,
}

impl Import {
    pub fn start(document: &impl JsonObject, with_output: usize) -> Result<Import, WorkspaceError> {
        let format = document.string("format")?.unwrap_or_default();
        if format != EXPORT_FORMAT {
            return Err(WorkspaceError::WrongFormat(format));
        }
        let version = document.number("version")?.unwrap_or(0);
        if version > EXPORT_VERSION {
            return Err(WorkspaceError::FutureVersion { found: version, supported: EXPORT_VERSION });
        }
        let schema = match document.number("schema")? {
            Some(schema) => schema,
            // Version 1 files said it in their (now ignored) `state`.
            None => document.object("state").map(|state| state.number("schema_version")).transpose()?.flatten().unwrap_or(0),
        };
        check_schema(schema, SCHEMA_VERSION)?;
        let events = document.strings("events")?.ok_or_else(|| WorkspaceError::Damaged("the file has no events".to_string()))?;
        if events.len() > MAX_IMPORT_EVENTS {
            return Err(WorkspaceError::TooManyEvents { events: events.len(), limit: MAX_IMPORT_EVENTS });
        }
        // The file's events replay by the rules they were written under.
        Ok(Import { world: World::following(schema), rules: schema, events, replayed: 0, with_output, shown: Vec::new() })
    }

    /// Replays up to `count` more events; true once all have replayed.
    pub fn step(&mut self, count: usize) -> Result<bool, WorkspaceError> {
        let end = self.events.len().min(self.replayed.saturating_add(count));
        let quiet_until = self.events.len().saturating_sub(self.with_output).clamp(self.replayed, end);
        replay(&mut self.world, self.events[self.replayed..quiet_until].iter().map(String::as_str), self.replayed + 1)?;
        for (index, line) in self.events.iter().enumerate().take(end).skip(quiet_until) {
            let (output, changed) = apply(&mut self.world, line);
            if !changed {
                return Err(WorkspaceError::EventRefused { index: index + 1, line: line.clone(), output: output.text().trim_end().to_string() });
            }
            self.shown.push((line.clone(), output));
        }
        self.replayed = end;
        Ok(end == self.events.len())
    }

    /// The rules the file's events were written under (its `schema`).
    pub fn rules(&self) -> u32 {
        self.rules
    }

    /// Apps in the world replayed so far.
    pub fn app_count(&self) -> usize {
        self.world.apps.len()
    }

    /// Events replayed so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.replayed, self.events.len())
    }

    /// The world, its events, and the last `with_output` of them with what they printed.
    pub fn finish(self) -> (World, Vec<String>, Vec<(String, cli::Output)>) {
        (self.world, self.events, self.shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> (World, Vec<String>) {
        let mut world = World::new();
        let mut events = Vec::new();
        for line in ["heroku create demo", "heroku releases", "heroku config:set A=1", "heroku rollback v99", "git commit -m 'first'"] {
            if apply(&mut world, line).1 {
                events.push(line.to_string());
            }
        }
        (world, events)
    }

    #[test]
    fn only_state_changing_lines_are_events() {
        let (_, events) = session();
        assert_eq!(events, ["heroku create demo", "heroku config:set A=1", "git commit -m 'first'"]);
    }

    #[test]
    fn imports_refuse_files_and_event_counts_over_the_limits() {
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(import(&big), Err(WorkspaceError::FileTooLarge { bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES }));
        assert_eq!(
            WorkspaceError::FileTooLarge { bytes: 50 * 1024 * 1024, limit: MAX_IMPORT_BYTES }.to_string(),
            "the file is 50.0 MB (52428800 bytes); Release Lab imports workspace files up to 16.0 MB (16777216 bytes)"
        );
        let events = vec!["heroku apps".to_string(); MAX_IMPORT_EVENTS + 1];
        assert_eq!(import(&export(&events, SCHEMA_VERSION)), Err(WorkspaceError::TooManyEvents { events: MAX_IMPORT_EVENTS + 1, limit: MAX_IMPORT_EVENTS }));
    }

    /// Checked a slice at a time, an import builds the same world, and
    /// keeps the last events' output exactly as a script prints it.
    #[test]
    fn an_import_checked_in_slices_matches_one_checked_at_once() {
        let (world, events) = session();
        let text = export(&events, SCHEMA_VERSION);
        let document: serde_json::Value = serde_json::from_str(&text).expect("json");
        let mut import = Import::start(&document, 2).expect("header");
        let mut steps = 0;
        while !import.step(1).expect("replays") {
            steps += 1;
            assert_eq!(import.progress(), (steps, events.len()));
        }
        let (imported, imported_events, shown) = import.finish();
        assert_eq!((imported, imported_events.clone()), (world, events.clone()));
        let mut replayed = World::new();
        let outputs: Vec<(String, cli::Output)> = events.iter().map(|line| (line.clone(), apply(&mut replayed, line).0)).collect();
        assert_eq!(shown, outputs[outputs.len() - 2..].to_vec());
        let refused = export(&["heroku create one".to_string(), "heroku rollback v99".to_string()], SCHEMA_VERSION);
        let document: serde_json::Value = serde_json::from_str(&refused).expect("json");
        let mut import = Import::start(&document, 1).expect("header");
        assert!(matches!(import.step(10), Err(WorkspaceError::EventRefused { index: 2, .. })));
    }

    #[test]
    fn export_then_import_reproduces_the_world() {
        let (world, events) = session();
        let (imported, imported_events) = import(&export(&events, SCHEMA_VERSION)).expect("valid file");
        assert_eq!(imported, world);
        assert_eq!(imported_events, events);
    }

    #[test]
    fn bad_files_are_refused_with_reasons() {
        let (_, events) = session();
        let good = export(&events, SCHEMA_VERSION);
        assert!(matches!(import("{"), Err(WorkspaceError::NotJson(_))));
        assert_eq!(import(r#"{"format":"other"}"#), Err(WorkspaceError::WrongFormat("other".into())));
        assert_eq!(
            import(&good.replace("\"version\":2", "\"version\":9")),
            Err(WorkspaceError::FutureVersion { found: 9, supported: 2 })
        );
        let schema = format!("\"schema\":{SCHEMA_VERSION}");
        assert_eq!(import(&good.replace(&schema, "\"schema\":7")), Err(WorkspaceError::FutureSchema { found: 7, supported: SCHEMA_VERSION }));
        assert!(matches!(import(&good.replace(&format!("{schema},"), "")), Err(WorkspaceError::Damaged(_))));
        // A file of the original rules imports into a world that keeps them.
        let (imported, _) = import(&export(&events, schema::ORIGINAL)).expect("imports");
        assert_eq!(imported.schema_version, schema::ORIGINAL);
        assert!(matches!(import(&good.replace("heroku config:set A=1", "heroku config:set BAD-KEY=1")), Err(WorkspaceError::EventRefused { index: 2, .. })));
        assert_eq!(import(&good.replace("\"version\":2", "\"version\":\"2\"")), Err(wrong_type("version", "a whole number")));
        assert_eq!(import(&good.replace("\"heroku create demo\"", "7")), Err(wrong_type("events", "a list of strings")));
        assert_eq!(import(r#"{"format":"release-lab-workspace","version":2,"schema":1}"#), Err(WorkspaceError::Damaged("the file has no events".into())));
        assert_eq!(import("[1]"), Err(WorkspaceError::WrongFormat(String::new())));
    }

    /// A workspace that took the original rules (`sim rules 1`) exports the
    /// rules it started with, so it imports to the same world.
    #[test]
    fn a_workspace_that_took_earlier_rules_imports_again() {
        let mut world = World::new();
        let (_, history) = crate::script::run_session(&mut world, "sim rules 1\nheroku create legacy\nheroku addons:create papertrail:choklad\nheroku config:unset PAPERTRAIL_API_TOKEN");
        assert_eq!((world.schema_version, history.rules()), (schema::ORIGINAL, SCHEMA_VERSION));
        let (imported, events) = import(&export(&history.events, history.rules())).expect("imports");
        assert_eq!((imported, events), (world, history.events));
    }

    /// Version 1 files carried the derived world in `state`, and its schema there.
    #[test]
    fn version_1_files_still_import() {
        let (_, events) = session();
        // They were all written under the original rules.
        let mut world = World::following(schema::ORIGINAL);
        replay(&mut world, events.iter().map(String::as_str), 1).expect("replays");
        let state = serde_json::to_string(&world).expect("serialise");
        let quoted: Vec<String> = events.iter().map(|e| serde_json::to_string(e).expect("string")).collect();
        let v1 = format!(r#"{{"format":"release-lab-workspace","version":1,"events":[{}],"state":{state}}}"#, quoted.join(","));
        assert_eq!(import(&v1), Ok((world, events)));
        let future = v1.replace("\"schema_version\":1", "\"schema_version\":4");
        assert_eq!(import(&future), Err(WorkspaceError::FutureSchema { found: 4, supported: SCHEMA_VERSION }));
    }

    #[test]
    fn canonical_records_decode_without_a_parser() {
        for line in ["heroku apps", "git commit -m \"a \\\"quoted\\\" word\"", "tab\there\nnew line \u{1} é ⬢ 😀 </script>", ""] {
            for changed in [true, false] {
                let event = Event::record(line, changed, SCHEMA_VERSION);
                assert_eq!(Event::from_canonical(&event.to_json()), Some(event.clone()), "{line:?}");
                assert_eq!(Event::from_json(&event.to_json()), Ok(event));
            }
        }
        // Not as `to_json` writes it: left to the full parser, which reads it.
        for other in [r#"{"line":"x","schema":1}"#, r#"{"schema":1,"line":"\u0078"}"#, r#"{"schema":1, "line":"x"}"#, r#"{"schema":2,"line":"x","kind":"event"}"#] {
            assert_eq!(Event::from_canonical(other), None, "{other}");
            assert!(Event::from_json(other).is_ok(), "{other}");
        }
        for refused in [r#"{"schema":5,"line":"x"}"#, r#"{"schema":0,"line":"x"}"#, r#"{"schema":1,"line":"x"#, "", r#"{"schema":1,"line":"\q"}"#] {
            assert_eq!(Event::from_canonical(refused), None, "{refused}");
        }
    }

    #[test]
    fn events_round_trip_and_refuse_the_future() {
        assert_eq!(Event::from_json(&Event::new("heroku apps", SCHEMA_VERSION).to_json()), Ok(Event::new("heroku apps", SCHEMA_VERSION)));
        assert!(matches!(Event::from_json(r#"{"schema":6,"line":"x"}"#), Err(WorkspaceError::FutureSchema { .. })));
        assert!(matches!(Event::from_json("not json"), Err(WorkspaceError::Damaged(_))));
        assert_eq!(Event::from_json(r#"{"schema":1}"#), Err(WorkspaceError::Damaged("event: it has no line".into())));
        assert_eq!(Event::from_json(r#"{"schema":1,"line":["x"]}"#), Err(wrong_type("line", "a string")));
        assert!(matches!(Event::from_json(r#"{"schema":2,"line":"x","kind":"other"}"#), Err(WorkspaceError::Damaged(_))));
    }

    /// In a workspace of the original rules, plain events keep the format
    /// builds before undo read, and queries and undo say they need a newer
    /// one; a workspace of newer rules says so in every record.
    #[test]
    fn records_use_the_oldest_schema_that_can_say_them() {
        let original = schema::ORIGINAL;
        assert_eq!(Event::record("heroku create x", true, original).to_json(), r#"{"schema":1,"line":"heroku create x"}"#);
        assert_eq!(Event::record("heroku releases", false, original).to_json(), r#"{"schema":2,"line":"heroku releases","kind":"query"}"#);
        assert_eq!(Event::record("sim undo", true, original).to_json(), r#"{"schema":2,"line":"sim undo"}"#);
        assert_eq!(Event::record("heroku create x", true, schema::API_ORACLE).to_json(), r#"{"schema":3,"line":"heroku create x"}"#);
        assert_eq!(Event::record("heroku create x", true, schema::CODE_AND_CALENDAR).to_json(), r#"{"schema":4,"line":"heroku create x"}"#);
        for rules in [original, schema::API_ORACLE, schema::CODE_AND_CALENDAR] {
            for record in [Event::record("heroku releases", false, rules), Event::record("sim undo", true, rules), Event::record("git log", true, rules)] {
                assert_eq!(record.rules(), rules);
                assert_eq!(Event::from_json(&record.to_json()), Ok(record));
            }
        }
        assert_eq!(log_rules(&[]), SCHEMA_VERSION);
        assert_eq!(log_rules(&[Event::record("heroku create x", true, original)]), original);
    }

    /// Fast-forwarding builds the very world and history a full replay
    /// does, from any starting point, undos and redos included.
    #[test]
    fn fast_forward_agrees_with_replay() {
        let lines = [
            ("heroku create demo", true), ("heroku releases", false), ("heroku config:set A=1", true), ("sim undo", true),
            ("sim undo", true), ("sim redo", true), ("heroku config:set B=2", true), ("sim undo", true), ("sim advance 3d", true),
            ("sim redo", false), ("sim undo", true), ("sim undo", true), ("sim redo", true), ("git commit -m x", true),
        ];
        let records: Vec<Event> = lines.iter().map(|(line, changed)| Event::record(line, *changed, SCHEMA_VERSION)).collect();
        let (mut replayed, mut replayed_history) = (World::new(), History::default());
        replay_log(&mut replayed, &mut replayed_history, &records, 1, |_, _| {}).expect("replays");
        for split in 0..=records.len() {
            let (mut world, mut history) = fast_forward(&records[..split], 1, SCHEMA_VERSION).expect("fast-forwards");
            replay_log(&mut world, &mut history, &records[split..], split + 1, |_, _| {}).expect("replays");
            assert_eq!(world, replayed, "split at {split}");
            assert_eq!(history, replayed_history, "split at {split}");
        }
        // An undo with nothing left to take back is damage, and so is an
        // event that does not apply; each is named by its record's number.
        assert!(matches!(fast_forward(&[Event::record("sim undo", true, SCHEMA_VERSION)], 1, SCHEMA_VERSION), Err(WorkspaceError::EventRefused { index: 1, .. })));
        let bad = ["heroku create demo", "heroku releases", "heroku config:set BAD-KEY=1"].map(|line| Event::record(line, line != "heroku releases", SCHEMA_VERSION));
        assert!(matches!(fast_forward(&bad, 1, SCHEMA_VERSION), Err(WorkspaceError::EventRefused { index: 3, .. })));
    }

    #[test]
    fn a_log_replays_with_undo_and_checks_every_record() {
        let lines = [("heroku create demo", true), ("heroku releases", false), ("heroku config:set A=1", true), ("sim undo", true), ("sim redo", true), ("sim redo", false)];
        let records: Vec<Event> = lines.iter().map(|(line, changed)| Event::record(line, *changed, SCHEMA_VERSION)).collect();
        let (mut world, mut history) = (World::new(), History::default());
        let mut seen = Vec::new();
        replay_log(&mut world, &mut history, &records, 1, |line, output| seen.push((line, output.ok))).expect("replays");
        assert_eq!(history.events, ["heroku create demo", "heroku config:set A=1"]);
        assert_eq!(seen.len(), 6);
        assert_eq!(seen[5], ("sim redo", false));
        // A record that claims the wrong kind is damage, named by its number.
        let mut wrong = records.clone();
        wrong[1] = Event::record("heroku config:set B=2", false, SCHEMA_VERSION);
        let result = replay_log(&mut World::new(), &mut History::default(), &wrong, 1, |_, _| {});
        assert_eq!(result, Err(WorkspaceError::QueryChanged { index: 2, line: "heroku config:set B=2".into() }));
        wrong[1] = Event::record("heroku releases", true, SCHEMA_VERSION);
        let result = replay_log(&mut World::new(), &mut History::default(), &wrong, 1, |_, _| {});
        assert!(matches!(result, Err(WorkspaceError::EventRefused { index: 2, .. })));
    }
}
