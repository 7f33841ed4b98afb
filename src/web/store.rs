//! The browser shell around the engine: the world in a signal, every
//! line through a `session::History` (so undo works), every line appended
//! to the IndexedDB log (events and queries alike, so the terminal's log
//! survives a reload), other tabs told through a BroadcastChannel.

use super::instance::{Instance, Storage};
use super::json;
use super::prefs::Prefs;
use super::storage::{Append, EventLog, StorageError, DB_NAME};
use crate::cli::Output;
use crate::engine::world::SCHEMA_VERSION;
use crate::engine::{ErrorKind, World};
use crate::session::History;
use crate::workspace::{self, Event};
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// How many of the newest lines the terminal keeps with their output; the
/// transcript downloads replay the whole log. (Rendering them is most of a
/// reload's cost beyond the replay itself.)
pub const SHOWN: usize = 200;
/// Appends that lose to other tabs this many times in a row give up.
pub const MAX_ATTEMPTS: usize = 20;

/// A line and what it printed, for the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Unique for the page's life, so a keyed list never reuses a row.
    pub id: u64,
    pub line: String,
    pub output: Output,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Persistence {
    Loading,
    /// Saved in IndexedDB.
    Saved,
    /// Working in memory only; the text says why.
    MemoryOnly(String),
    /// In memory by the page's choice (an embed, a presenter): nothing to warn about.
    Memory,
    /// Saved data could not be read; nothing was deleted.
    Unreadable(String),
}

/// Why catching up with the log failed: the storage, or the data in it.
enum CatchUp {
    Storage(StorageError),
    Data(String),
}

#[derive(Clone, Copy)]
pub struct Store {
    pub world: RwSignal<World>,
    /// The events that built the world, and what undo took back.
    pub history: RwSignal<History>,
    /// The newest lines of the log with their output, oldest first.
    pub terminal: RwSignal<Vec<Entry>>,
    pub persistence: RwSignal<Persistence>,
    pub notice: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    pub prefs: RwSignal<Prefs>,
    log: StoredValue<Option<Rc<EventLog>>, LocalStorage>,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// Every line of the log, in order: in IndexedDB too while saving
    /// works, so its length is the head (the last record this tab has seen).
    records: StoredValue<Vec<Event>, LocalStorage>,
    next_entry: StoredValue<u64, LocalStorage>,
    /// Another tab replaced the log while this one was running a line.
    reload_wanted: StoredValue<bool, LocalStorage>,
    /// An import is being checked and stored: no line runs until it is done.
    importing: StoredValue<bool, LocalStorage>,
    /// The workspace a lesson uses instead of the saved choice; the
    /// preferences (the terminal's cleared point) belong to that choice only.
    lesson_workspace: StoredValue<Option<String>, LocalStorage>,
    /// IndexedDB, or memory only (an embed's default): then neither the
    /// saved workspaces nor the preferences are read or written.
    storage: StoredValue<Storage, LocalStorage>,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

impl Store {
    pub fn new() -> Store {
        Store::for_instance(&Instance::current())
    }

    /// A store for `instance`: its storage, workspace and theme.
    pub fn for_instance(instance: &Instance) -> Store {
        let mut prefs = if instance.storage == Storage::Memory { Prefs::default() } else { Prefs::load() };
        // The page's theme, for an instance whose preferences are never
        // saved: the full app's saved theme stays the user's.
        if let Some(theme) = instance.theme.as_ref().filter(|_| instance.storage == Storage::Memory) {
            prefs.theme = theme.clone();
        }
        Store {
            world: RwSignal::new(World::new()),
            history: RwSignal::new(History::default()),
            terminal: RwSignal::new(Vec::new()),
            persistence: RwSignal::new(Persistence::Loading),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            prefs: RwSignal::new(prefs),
            log: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            records: StoredValue::new_local(Vec::new()),
            next_entry: StoredValue::new_local(0),
            reload_wanted: StoredValue::new_local(false),
            importing: StoredValue::new_local(false),
            lesson_workspace: StoredValue::new_local(instance.workspace.clone()),
            storage: StoredValue::new_local(instance.storage),
        }
    }

    pub fn save_prefs(&self, change: impl FnOnce(&mut Prefs)) {
        self.prefs.update(change);
        if self.keeps_nothing() {
            return;
        }
        if let Err(error) = self.prefs.get_untracked().save() {
            self.notice.set(Some(format!("Preferences could not be saved: {error}")));
        }
    }

    /// Whether this instance keeps its work in memory only (an embed, a
    /// presenter): it reads and writes no storage at all.
    pub fn keeps_nothing(&self) -> bool {
        self.storage.get_value() == Storage::Memory
    }

    /// Makes `load` open `workspace` (a lesson's own) instead of the saved choice.
    pub fn use_workspace(&self, workspace: String) {
        self.lesson_workspace.set_value(Some(workspace));
    }

    /// The terminal's cleared point, for the saved choice of workspace only.
    pub fn cleared_through(&self) -> u32 {
        if self.lesson_workspace.with_value(Option::is_some) { 0 } else { self.prefs.with_untracked(|p| p.cleared_through) }
    }

    fn save_cleared_through(&self, head: u32) {
        if self.lesson_workspace.with_value(Option::is_none) {
            self.save_prefs(|p| p.cleared_through = head);
        }
    }

    /// Works on `import` in memory only (a shared link): nothing is read
    /// from or written to this browser's saved workspaces.
    pub fn open_in_memory(&self, import: workspace::Import, why: String) {
        let rules = import.rules();
        let (world, events, shown) = import.finish();
        let (records, history) = imported_session(rules, events);
        self.adopt(records, history, world, shown);
        self.lesson_workspace.set_value(Some(String::new()));
        // A memory instance has nothing to warn about: it never saves.
        self.persistence.set(if self.keeps_nothing() { Persistence::Memory } else { Persistence::MemoryOnly(why) });
    }

    /// Opens the workspace's log and rebuilds the world from it.
    pub async fn load(&self, db_name: &str) {
        if self.keeps_nothing() {
            self.persistence.set(Persistence::Memory);
            return;
        }
        let workspace = self.lesson_workspace.get_value().unwrap_or_else(|| self.prefs.get_untracked().workspace);
        let log = match EventLog::open(db_name, &workspace).await {
            Ok(log) => Rc::new(log),
            Err(error) => {
                self.persistence.set(Persistence::MemoryOnly(format!("{error}. Changes will be lost when you close the page.")));
                return;
            }
        };
        match self.rebuild(&log).await {
            Ok(()) => {
                self.log.set_value(Some(log));
                self.persistence.set(Persistence::Saved);
                self.listen(&Instance::channel(db_name, &workspace));
            }
            Err(reason) => {
                // Keep working in memory; the saved data stays untouched.
                self.persistence.set(Persistence::Unreadable(reason));
                self.log.set_value(Some(log));
            }
        }
    }

    /// Replays the whole log into a new world.
    async fn rebuild(&self, log: &EventLog) -> Result<(), String> {
        let raw = log.raw_log().await.map_err(|e| e.to_string())?;
        let records = json::decode_events(&raw, 1)?;
        let cleared = self.cleared_through() as usize;
        self.adopt_replayed(records, cleared).map_err(|e| e.to_string())
    }

    /// Rebuilds the session `records` make and takes it: the world, its
    /// history, the records (whose count is the head) and the terminal's
    /// window. Lines the terminal will not show (cleared, or older than its
    /// window) need no output, so only the events that remain of them run.
    fn adopt_replayed(&self, records: Vec<Event>, cleared: usize) -> Result<(), workspace::WorkspaceError> {
        let unseen = records.len().saturating_sub(SHOWN).max(cleared).min(records.len());
        let (mut world, mut history) = workspace::fast_forward(&records[..unseen], 1, workspace::log_rules(&records))?;
        let mut shown = Vec::new();
        workspace::replay_log(&mut world, &mut history, &records[unseen..], unseen + 1, |line, output| shown.push((line.to_string(), output)))?;
        self.adopt(records, history, world, shown);
        Ok(())
    }

    /// Takes a session built elsewhere: its records, history and world
    /// together, and a terminal that starts afresh with `shown`.
    fn adopt(&self, records: Vec<Event>, history: History, world: World, shown: Vec<(String, Output)>) {
        self.records.set_value(records);
        self.history.set(history);
        self.world.set(world);
        self.terminal.set(Vec::new());
        self.show(shown);
    }

    fn entry(&self, line: String, output: Output) -> Entry {
        let id = self.next_entry.get_value();
        self.next_entry.set_value(id + 1);
        Entry { id, line, output }
    }

    /// Adds lines to the terminal, dropping the oldest beyond `SHOWN`.
    fn show(&self, shown: Vec<(String, Output)>) {
        let entries: Vec<Entry> = shown.into_iter().map(|(line, output)| self.entry(line, output)).collect();
        self.terminal.update(|terminal| {
            terminal.extend(entries);
            let excess = terminal.len().saturating_sub(SHOWN);
            terminal.drain(..excess);
        });
    }

    /// Runs `change` on the world and its history together.
    fn with_session<T>(&self, change: impl FnOnce(&mut World, &mut History) -> T) -> Option<T> {
        self.world.try_update(|world| self.history.try_update(|history| change(world, history))).flatten()
    }

    /// Empties the terminal's screen; the log and its transcript keep every line.
    pub fn clear_terminal(&self) {
        let head = self.line_count() as u32;
        self.terminal.set(Vec::new());
        self.save_cleared_through(head);
    }

    /// The line `back` places before the newest (0 is the newest), for ↑.
    pub fn recent_line(&self, back: usize) -> Option<String> {
        self.records.with_value(|records| records.iter().rev().nth(back).map(|r| r.line.clone()))
    }

    /// How many lines the log holds.
    pub fn line_count(&self) -> usize {
        self.records.with_value(Vec::len)
    }

    /// Every line of the log with its output, replayed from the start: the
    /// whole session, for a transcript download. A record the replay
    /// refuses (damage that a reload's fast-forward did not need to run)
    /// is an error, never a transcript cut short.
    pub fn session(&self) -> Result<Vec<(String, Output)>, workspace::WorkspaceError> {
        let mut all = Vec::new();
        self.records.with_value(|records| {
            let rules = workspace::log_rules(records);
            let (mut world, mut history) = (World::following(rules), History::following(rules));
            workspace::replay_log(&mut world, &mut history, records, 1, |line, output| all.push((line.to_string(), output)))
        })?;
        Ok(all)
    }

    /// Listens on the channel of the workspace just loaded: tabs of the
    /// same workspace (and database) hear each other, others never do.
    fn listen(&self, name: &str) {
        // Starting a fresh workspace loads again, under a new name.
        if let Some(old) = self.channel.try_update_value(Option::take).flatten() {
            old.close();
        }
        let Ok(channel) = BroadcastChannel::new(name) else { return };
        let store = *self;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let replaced = message.data().as_string().is_some_and(|d| d == "replaced");
            spawn_local(async move {
                if replaced {
                    store.reload().await;
                } else {
                    store.catch_up().await;
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The page lives as long as the app does.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    /// Rebuilds from storage (another tab replaced the whole log). While a
    /// line is running, the reload waits for it to finish.
    pub async fn reload(&self) {
        match self.busy.try_get_untracked() {
            None => return,
            Some(true) => {
                self.reload_wanted.set_value(true);
                return;
            }
            Some(false) => {}
        }
        let Some(log) = self.log.get_value() else { return };
        if let Err(reason) = self.rebuild(&log).await {
            self.persistence.set(Persistence::Unreadable(reason));
        }
    }

    /// Applies events other tabs appended since we last looked.
    pub async fn catch_up(&self) {
        // `None`: this store was disposed (a test's, say) and has nothing to update.
        if self.busy.try_get_untracked() != Some(false) {
            return;
        }
        let Some(log) = self.saved_log() else { return };
        match self.catch_up_with(&log).await {
            Ok(()) => {}
            Err(CatchUp::Storage(error)) => self.write_failed(&error),
            Err(CatchUp::Data(reason)) => self.persistence.set(Persistence::Unreadable(reason)),
        }
    }

    async fn catch_up_with(&self, log: &EventLog) -> Result<(), CatchUp> {
        let head = self.line_count() as u64;
        let raw = log.raw_events_after(head).await.map_err(CatchUp::Storage)?;
        if raw.is_empty() {
            return Ok(());
        }
        let records = json::decode_events(&raw, head + 1).map_err(CatchUp::Data)?;
        // Another catch-up may have applied some of these while we awaited
        // (nothing awaits between this check and the replay below); a
        // reload may have taken over (it rebuilds everything itself).
        let Some(already) = self.line_count().checked_sub(head as usize) else { return Ok(()) };
        let mut records: Vec<Event> = records.into_iter().skip(already).collect();
        if records.is_empty() {
            return Ok(());
        }
        let first = head as usize + already + 1;
        let mut shown = Vec::new();
        let replayed = self
            .with_session(|world, history| {
                workspace::replay_log(world, history, &records, first, |line, output| shown.push((line.to_string(), output)))
            })
            .unwrap_or(Ok(()));
        // What did replay stays in the world, so it stays in the records
        // and on screen too: a record that changed the world against its
        // word is kept as the event it was.
        if let Err(error) = &replayed {
            let stopped = error.record().map_or(0, |index| index - first);
            let kept = stopped + usize::from(matches!(error, workspace::WorkspaceError::QueryChanged { .. }));
            records.truncate(kept);
            if let Some(record) = records.get_mut(stopped) {
                *record = Event::record(&record.line, true, record.rules());
            }
        }
        self.show(shown);
        self.records.update_value(|all| all.extend(records));
        replayed.map_err(|e| CatchUp::Data(e.to_string()))
    }

    /// Runs one command line, as a form or the terminal would.
    pub async fn run(&self, line: String) -> Output {
        if self.importing.get_value() {
            // Shown, not logged: it never ran.
            let mut output = Output::new();
            output.fail_raw(ErrorKind::Conflict, "release-lab: not run: an import is being checked; run it again once it is done.".to_string());
            self.show(vec![(line, output.clone())]);
            return output;
        }
        self.busy.set(true);
        let output = self.run_inner(&line).await;
        // The history already shows the release; show its line now, not
        // after another round trip to storage.
        super::link::announce(&line, &output);
        self.show(vec![(line, output.clone())]);
        self.release_claim().await;
        output
    }

    /// Claims the store for an import, as `claim` does for a form, and
    /// holds off every line (a typed one too) until `release_claim`.
    pub fn claim_for_import(&self) -> bool {
        if !self.claim() {
            return false;
        }
        self.importing.set_value(true);
        true
    }

    /// Ends a busy spell (a line, or an import that `claim`ed the store):
    /// messages from other tabs that arrived meanwhile were skipped, so
    /// this catches up on them, or reloads if the log was replaced.
    pub async fn release_claim(&self) {
        self.importing.set_value(false);
        self.busy.set(false);
        if self.reload_wanted.try_update_value(std::mem::take).unwrap_or(false) {
            self.reload().await;
        } else {
            self.catch_up().await;
        }
    }

    /// Marks the store busy for a form's action, unless one is already
    /// running: a double-click, or a click while a line runs, does nothing
    /// the second time. (The buttons are disabled while busy, but a second
    /// click can come before the page has redrawn them.)
    pub fn claim(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        true
    }

    /// Runs lines in order until one is refused; `Err` holds its reason,
    /// on one line.
    pub async fn run_all(&self, lines: Vec<String>) -> Result<(), String> {
        for line in lines {
            if let Some(failure) = self.run(line).await.effect.failure {
                return Err(failure.message.replace('\n', " "));
            }
        }
        Ok(())
    }

    async fn run_inner(&self, line: &str) -> Output {
        let Some(log) = self.saved_log() else {
            return self.apply_in_memory(line);
        };
        for _attempt in 0..MAX_ATTEMPTS {
            match self.catch_up_with(&log).await {
                Ok(()) => {}
                Err(CatchUp::Storage(error)) => {
                    self.write_failed(&error);
                    let mut output = self.apply_in_memory(line);
                    output.err(format!("release-lab: not saved: {error}"));
                    return output;
                }
                Err(CatchUp::Data(reason)) => {
                    self.persistence.set(Persistence::Unreadable(reason));
                    return self.apply_in_memory(line);
                }
            }
            let expected = self.line_count() as u64;
            // What the command did, kept even if the write then fails: the
            // world has changed by then, and the records must say so.
            let ran = RefCell::new(None::<(Output, Event)>);
            let rules = self.rules();
            let result = log
                .append_with(expected, || {
                    let (output, changed) = self.with_session(|world, history| history.run(world, line)).unwrap_or_default();
                    let record = Event::record(line, changed, rules);
                    *ran.borrow_mut() = Some((output, record.clone()));
                    record
                })
                .await;
            match result {
                Ok(Append::Conflict { .. }) => continue,
                Ok(Append::Appended { .. }) => {
                    let (output, record) = ran.into_inner().unwrap_or_else(|| (Output::new(), Event::record(line, false, rules)));
                    self.records.update_value(|records| records.push(record));
                    if let Some(channel) = self.channel.get_value() {
                        let _ = channel.post_message(&wasm_bindgen::JsValue::from_f64(self.line_count() as f64));
                    }
                    return output;
                }
                Err(error) => {
                    self.write_failed(&error);
                    let Some((mut output, record)) = ran.into_inner() else {
                        // The transaction failed before the command ran.
                        let mut output = self.apply_in_memory(line);
                        output.err(format!("release-lab: not saved: {error}"));
                        return output;
                    };
                    self.records.update_value(|records| records.push(record));
                    output.err(format!("release-lab: not saved: {error}"));
                    return output;
                }
            }
        }
        let mut output = Output::new();
        output.fail_raw(ErrorKind::Conflict, format!("release-lab: not run: other tabs wrote to this workspace {MAX_ATTEMPTS} times in a row while this one tried; run it again."));
        output
    }

    fn apply_in_memory(&self, line: &str) -> Output {
        let (output, changed) = self.with_session(|world, history| history.run(world, line)).unwrap_or_default();
        let rules = self.rules();
        self.records.update_value(|records| records.push(Event::record(line, changed, rules)));
        output
    }

    fn write_failed(&self, error: &StorageError) {
        self.persistence.set(Persistence::MemoryOnly(format!(
            "Saving failed: {error}. Your work continues in memory; export it to keep it."
        )));
    }

    /// Closes the database connection, as the browser does when the user
    /// clears site data while the page is open: later writes fail, are
    /// reported, and the work goes on in memory.
    pub fn close_storage(&self) {
        if let Some(log) = self.log.get_value() {
            log.close();
        }
    }

    /// The versioned JSON file of this workspace: the events that remain
    /// after any undo.
    pub fn export(&self) -> String {
        self.history.with_untracked(|history| workspace::export(&history.events, history.rules()))
    }

    /// The event log, for tests that make its next write fail.
    pub fn event_log(&self) -> Option<Rc<EventLog>> {
        self.log.get_value()
    }

    /// Replaces this workspace with a workspace file's import, checked to
    /// the end: its world, events and the last `SHOWN` of them with their
    /// output. The import replayed them already; nothing replays twice.
    pub async fn import(&self, import: workspace::Import) -> Result<(), String> {
        let rules = import.rules();
        let (world, events, shown) = import.finish();
        self.store_replacement(&events, rules).await?;
        let (records, history) = imported_session(rules, events);
        self.adopt(records, history, world, shown);
        self.announce_replacement();
        Ok(())
    }

    /// Empties this workspace (after the user confirmed it).
    pub async fn reset(&self) -> Result<(), String> {
        self.store_replacement(&[], SCHEMA_VERSION).await?;
        self.adopt_replayed(Vec::new(), 0).map_err(|e| e.to_string())?;
        self.announce_replacement();
        Ok(())
    }

    /// The rules the workspace started with (`engine::world::schema`), which
    /// its records and exports say; `sim rules` may have lowered the world's since.
    fn rules(&self) -> u32 {
        self.history.with_untracked(History::rules)
    }

    /// The event log, while saving works.
    fn saved_log(&self) -> Option<Rc<EventLog>> {
        self.log.get_value().filter(|_| self.persistence.get_untracked() == Persistence::Saved)
    }

    /// Replaces the whole stored log (storage first: if that fails, the
    /// workspace stays as it was) and starts the terminal afresh.
    async fn store_replacement(&self, events: &[String], rules: u32) -> Result<(), String> {
        if let Some(log) = self.saved_log() {
            log.replace_all(events, rules).await.map_err(|e| e.to_string())?;
        }
        self.save_cleared_through(0);
        Ok(())
    }

    /// Tells other tabs the workspace was replaced.
    fn announce_replacement(&self) {
        if let Some(channel) = self.channel.get_value() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str("replaced"));
        }
    }

    /// Everything stored for this workspace, unparsed, for the user to keep.
    pub async fn raw_data(&self) -> String {
        let Some(log) = self.log.get_value() else { return "{}".to_string() };
        let events = log.raw_events_after(0).await.unwrap_or_default();
        use crate::cli::json::Json;
        let events = Json::List(events.into_iter().map(Json::Str).collect());
        Json::Object(vec![("workspace", log.workspace().into()), ("events", events)]).compact()
    }

    /// Leaves unreadable data where it is and starts a new, empty workspace.
    pub async fn start_fresh(&self) {
        let next = format!("workspace-{}", js_sys::Date::now() as u64);
        self.save_prefs(|p| p.workspace = next);
        if let Some(log) = self.log.get_value() {
            log.close();
        }
        self.log.set_value(None);
        self.save_prefs(|p| p.cleared_through = 0);
        // An empty log has nothing to refuse.
        let _ = self.adopt_replayed(Vec::new(), 0);
        self.persistence.set(Persistence::Loading);
        self.load(DB_NAME).await;
    }
}

/// The records and history of a workspace imported from a file of `rules`
/// (an import replayed its `events` already): undo goes back to an empty
/// world with those rules.
fn imported_session(rules: u32, events: Vec<String>) -> (Vec<Event>, History) {
    let records = events.iter().map(|line| Event::new(line, rules)).collect();
    let mut history = History::following(rules);
    history.events = events;
    (records, history)
}
