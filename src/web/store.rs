//! The browser shell around the engine: the world in a signal, every
//! command through `workspace::apply`, every state change appended to the
//! IndexedDB event log, other tabs told through a BroadcastChannel.

use super::json;
use super::prefs::Prefs;
use super::storage::{Append, EventLog, StorageError, DB_NAME};
use crate::cli::Output;
use crate::engine::World;
use crate::workspace;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "release-lab";

/// A command and what it printed, for the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
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
    pub console: RwSignal<Vec<Entry>>,
    pub persistence: RwSignal<Persistence>,
    pub notice: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    pub prefs: RwSignal<Prefs>,
    log: StoredValue<Option<Rc<EventLog>>, LocalStorage>,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    events: StoredValue<Vec<String>, LocalStorage>,
    head: StoredValue<u64, LocalStorage>,
    next_entry: StoredValue<u64, LocalStorage>,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

impl Store {
    pub fn new() -> Store {
        Store {
            world: RwSignal::new(World::new()),
            console: RwSignal::new(Vec::new()),
            persistence: RwSignal::new(Persistence::Loading),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            prefs: RwSignal::new(Prefs::load()),
            log: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            events: StoredValue::new_local(Vec::new()),
            head: StoredValue::new_local(0),
            next_entry: StoredValue::new_local(0),
        }
    }

    pub fn save_prefs(&self, change: impl FnOnce(&mut Prefs)) {
        self.prefs.update(change);
        if let Err(error) = self.prefs.get_untracked().save() {
            self.notice.set(Some(format!("Preferences could not be saved: {error}")));
        }
    }

    /// Opens the workspace's log and rebuilds the world from it.
    pub async fn load(&self, db_name: &str) {
        let workspace = self.prefs.get_untracked().workspace;
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
                self.listen();
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
        let raw = log.raw_events_after(0).await.map_err(|e| e.to_string())?;
        let lines = json::decode_lines(&raw, 1)?;
        let mut world = World::new();
        workspace::replay(&mut world, lines.iter().map(String::as_str), 1).map_err(|e| e.to_string())?;
        self.adopt(world, lines);
        Ok(())
    }

    /// Takes `world` and the events that built it, keeping the head (the
    /// last event this tab has seen) in step with them.
    fn adopt(&self, world: World, events: Vec<String>) {
        self.head.set_value(events.len() as u64);
        self.events.set_value(events);
        self.world.set(world);
    }

    fn listen(&self) {
        // Once per page: starting a fresh workspace loads again.
        if self.channel.with_value(Option::is_some) {
            return;
        }
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else { return };
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

    /// Rebuilds from storage (another tab replaced the whole log).
    pub async fn reload(&self) {
        if self.busy.try_get_untracked().is_none() {
            return;
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
        let head = self.head.get_value();
        let raw = log.raw_events_after(head).await.map_err(CatchUp::Storage)?;
        if raw.is_empty() {
            return Ok(());
        }
        let lines = json::decode_lines(&raw, head + 1).map_err(CatchUp::Data)?;
        // Another catch-up may have applied some of these while we awaited;
        // nothing awaits between this check and the replay below.
        let already = (self.head.get_value() - head) as usize;
        let head = head + already as u64;
        let lines: Vec<String> = lines.into_iter().skip(already).collect();
        if lines.is_empty() {
            return Ok(());
        }
        let mut failure = None;
        self.world.update(|world| {
            if let Err(e) = workspace::replay(world, lines.iter().map(String::as_str), head as usize + 1) {
                failure = Some(e.to_string());
            }
        });
        if let Some(reason) = failure {
            return Err(CatchUp::Data(reason));
        }
        self.head.update_value(|h| *h += lines.len() as u64);
        self.events.update_value(|events| events.extend(lines));
        Ok(())
    }

    /// Runs one command line, as a form or the terminal would.
    pub async fn run(&self, line: String) -> Output {
        self.busy.set(true);
        let output = self.run_inner(&line).await;
        self.busy.set(false);
        // The history already shows the release; show its command now, not
        // after another round trip to storage.
        let id = self.next_entry.get_value();
        self.next_entry.set_value(id + 1);
        self.console.update(|entries| {
            entries.push(Entry { id, line, output: output.clone() });
            let excess = entries.len().saturating_sub(50);
            entries.drain(..excess);
        });
        // Messages that arrived while we were busy were skipped.
        self.catch_up().await;
        output
    }

    /// Runs several lines in order, stopping at the first failure.
    pub async fn run_all(&self, lines: Vec<String>) -> bool {
        for line in lines {
            if !self.run(line).await.ok {
                return false;
            }
        }
        true
    }

    async fn run_inner(&self, line: &str) -> Output {
        let Some(log) = self.saved_log() else {
            return self.apply_in_memory(line);
        };
        for _attempt in 0..20 {
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
            let expected = self.head.get_value();
            let world = self.world;
            let produced = std::cell::RefCell::new(None::<Output>);
            let result = log
                .append_with(expected, || {
                    let (output, changed) = world.try_update(|w| workspace::apply(w, line)).unwrap_or_default();
                    *produced.borrow_mut() = Some(output.clone());
                    (output, changed.then(|| line.to_string()))
                })
                .await;
            match result {
                Ok((_, Append::Conflict { .. })) => continue,
                Ok((output, Append::Nothing)) => return output.unwrap_or_default(),
                Ok((output, Append::Appended { seq })) => {
                    self.head.set_value(seq);
                    self.events.update_value(|events| events.push(line.to_string()));
                    if let Some(channel) = self.channel.get_value() {
                        let _ = channel.post_message(&wasm_bindgen::JsValue::from_f64(seq as f64));
                    }
                    return output.unwrap_or_default();
                }
                Err(error) => {
                    self.write_failed(&error);
                    // The command ran in memory; say that it was not saved.
                    let mut output = produced.into_inner().unwrap_or_default();
                    output.err(format!("release-lab: not saved: {error}"));
                    return output;
                }
            }
        }
        self.notice.set(Some("Another tab kept writing; try again.".to_string()));
        Output::default()
    }

    fn apply_in_memory(&self, line: &str) -> Output {
        let mut output = Output::default();
        self.world.update(|world| {
            let (out, changed) = workspace::apply(world, line);
            if changed {
                self.events.update_value(|events| events.push(line.to_string()));
            }
            output = out;
        });
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

    /// The versioned JSON file of this workspace.
    pub fn export(&self) -> String {
        self.events.with_value(|events| workspace::export(events))
    }

    /// Validates a workspace file fully, then replaces this workspace with it.
    pub async fn import(&self, text: &str) -> Result<(), String> {
        let (world, events) = json::import(text).map_err(|e| e.to_string())?;
        self.replace(world, events).await
    }

    /// Empties this workspace (after the user confirmed it).
    pub async fn reset(&self) -> Result<(), String> {
        self.replace(World::new(), Vec::new()).await
    }

    /// The event log, while saving works.
    fn saved_log(&self) -> Option<Rc<EventLog>> {
        self.log.get_value().filter(|_| self.persistence.get_untracked() == Persistence::Saved)
    }

    /// Replaces the whole workspace, in storage first, and tells other tabs.
    async fn replace(&self, world: World, events: Vec<String>) -> Result<(), String> {
        if let Some(log) = self.saved_log() {
            log.replace_all(&events).await.map_err(|e| e.to_string())?;
        }
        self.adopt(world, events);
        if let Some(channel) = self.channel.get_value() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str("replaced"));
        }
        Ok(())
    }

    /// Everything stored for this workspace, unparsed, for the user to keep.
    pub async fn raw_data(&self) -> String {
        let Some(log) = self.log.get_value() else { return "{}".to_string() };
        let events = log.raw_events_after(0).await.unwrap_or_default();
        #[derive(serde::Serialize)]
        struct Raw<'a> {
            workspace: &'a str,
            events: Vec<String>,
        }
        serde_json::to_string(&Raw { workspace: log.workspace(), events }).unwrap_or_default()
    }

    /// Leaves unreadable data where it is and starts a new, empty workspace.
    pub async fn start_fresh(&self) {
        let next = format!("workspace-{}", js_sys::Date::now() as u64);
        self.save_prefs(|p| p.workspace = next);
        if let Some(log) = self.log.get_value() {
            log.close();
        }
        self.log.set_value(None);
        self.adopt(World::new(), Vec::new());
        self.persistence.set(Persistence::Loading);
        self.load(DB_NAME).await;
    }
}
