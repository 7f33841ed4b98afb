//! IndexedDB: one append-only log per workspace: every line run in it,
//! marked as changing the world or not (`workspace::Event`). Keys are
//! `[workspace, seq]`, so workspaces never mix.
//!
//! Beside the log, a batch per workspace: the raw records `1..=N` joined
//! by newlines (JSON never holds a raw newline), so a reload reads one
//! value instead of thousands. It is derived data, always a prefix of the
//! log: `replace_all` rewrites it in the same transaction as the log, and
//! a load extends it only while the log still has the head and the batch
//! it read. Builds before `DB_VERSION` 3 cannot open this database, so no
//! writer ignores it.

use crate::workspace::Event;
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, Transaction, TransactionMode, TransactionResult};
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "release-lab";
pub const DB_VERSION: u32 = 3;
const EVENTS: &str = "events";
const BATCHES: &str = "batches";
/// A load rewrites the batch once this many records follow it.
const BATCH_AFTER: usize = 200;
/// Version 1 also kept a snapshot of each world here: derived data that
/// loading no longer reads (see `workspace`).
const OBSOLETE_SNAPSHOTS: &str = "snapshots";
/// Number.MAX_SAFE_INTEGER: the upper bound of a workspace's key range.
const LAST_SEQ: f64 = 9_007_199_254_740_991.0;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("storage is unavailable ({0})")]
    Unavailable(String),
    #[error("the browser's storage is full ({0})")]
    QuotaExceeded(String),
    #[error("a storage operation failed ({0})")]
    Failed(String),
}

fn classify(error: idb::Error) -> StorageError {
    // Display carries the DOMException's "QuotaExceededError: …" text.
    let text = error.to_string();
    if text.contains("QuotaExceeded") {
        StorageError::QuotaExceeded(text)
    } else {
        StorageError::Failed(text)
    }
}

/// Commits and waits for the outcome. An aborted transaction (a request
/// that failed, a full disk) is an error: idb reports it as a result.
async fn commit(tx: Transaction) -> Result<(), StorageError> {
    let raw: web_sys::IdbTransaction = tx.into();
    let handle = raw.clone();
    let tx = Transaction::from(raw).commit().map_err(classify)?;
    match tx.await.map_err(classify)? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(match handle.error() {
            Some(error) if error.name() == "QuotaExceededError" => StorageError::QuotaExceeded(error.message()),
            Some(error) => StorageError::Failed(format!("{}: {}", error.name(), error.message())),
            None => StorageError::Failed("the browser aborted the write".to_string()),
        }),
    }
}

fn unavailable(error: idb::Error) -> StorageError {
    StorageError::Unavailable(error.to_string())
}

/// What an append attempt did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Append {
    /// Another writer got there first; catch up and try again.
    Conflict { head: u64 },
    Appended { seq: u64 },
}

pub struct EventLog {
    db: Database,
    workspace: String,
    /// Tests set it to make the next append's transaction abort after its
    /// command ran, as a full disk would at commit time.
    abort_next_append: std::cell::Cell<bool>,
}

impl EventLog {
    pub async fn open(db_name: &str, workspace: &str) -> Result<EventLog, StorageError> {
        let factory = Factory::new().map_err(unavailable)?;
        let mut request = factory.open(db_name, Some(DB_VERSION)).map_err(unavailable)?;
        request.on_upgrade_needed(|event| {
            // Each schema step migrates here; the event log itself is never rewritten.
            if let Ok(db) = event.database() {
                let names = db.store_names();
                if !names.iter().any(|n| n == EVENTS) {
                    let _ = db.create_object_store(EVENTS, ObjectStoreParams::new());
                }
                if !names.iter().any(|n| n == BATCHES) {
                    let _ = db.create_object_store(BATCHES, ObjectStoreParams::new());
                }
                if names.iter().any(|n| n == OBSOLETE_SNAPSHOTS) {
                    let _ = db.delete_object_store(OBSOLETE_SNAPSHOTS);
                }
            }
        });
        let mut db = request.await.map_err(unavailable)?;
        // A newer Release Lab in another tab wants to upgrade the schema. An
        // open connection would block it, so this tab lets go: its later
        // writes fail and are reported, and its work goes on in memory.
        db.on_version_change(|event| {
            if let Some(db) = event.target().and_then(|target| target.dyn_into::<web_sys::IdbDatabase>().ok()) {
                db.close();
            }
        });
        Ok(EventLog { db, workspace: workspace.to_string(), abort_next_append: std::cell::Cell::new(false) })
    }

    pub fn workspace(&self) -> &str {
        &self.workspace
    }

    fn key(&self, seq: f64) -> JsValue {
        Array::of2(&JsValue::from_str(&self.workspace), &JsValue::from_f64(seq)).into()
    }

    fn after(&self, seq: u64) -> Result<Query, StorageError> {
        KeyRange::bound(&self.key(seq as f64 + 1.0), &self.key(LAST_SEQ), None, None)
            .map(Query::from)
            .map_err(|e| StorageError::Failed(e.to_string()))
    }

    /// How many events the workspace has (they are numbered 1..=head).
    pub async fn head(&self) -> Result<u64, StorageError> {
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadOnly).map_err(classify)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let count = store.count(Some(self.after(0)?)).map_err(classify)?.await.map_err(classify)?;
        Ok(count as u64)
    }

    /// Every raw record of the log, in order: the batch's, then those after
    /// it. A long tail is folded into the batch for the next load.
    pub async fn raw_log(&self) -> Result<Vec<String>, StorageError> {
        let tx = self.db.transaction(&[EVENTS, BATCHES], TransactionMode::ReadOnly).map_err(classify)?;
        let (events, batches) = (tx.object_store(EVENTS).map_err(classify)?, tx.object_store(BATCHES).map_err(classify)?);
        let batch = batches.get(Query::Key(JsValue::from_str(&self.workspace))).map_err(classify)?.await.map_err(classify)?;
        let head = events.count(Some(self.after(0)?)).map_err(classify)?.await.map_err(classify)? as u64;
        let batch = batch.and_then(|value| value.as_string()).unwrap_or_default();
        let mut records: Vec<String> = if batch.is_empty() { Vec::new() } else { batch.split('\n').map(str::to_string).collect() };
        if records.len() as u64 > head {
            // Not a prefix of this log (it cannot happen while every writer keeps it): read it all.
            records.clear();
        }
        let batched = records.len();
        let tail = events.get_all(Some(self.after(batched as u64)?), None).map_err(classify)?.await.map_err(classify)?;
        records.extend(tail.into_iter().map(|v| v.as_string().unwrap_or_default()));
        drop(tx);
        // A record with a raw newline (not written by `to_json`) would split
        // in the batch; those from the batch have none.
        if records.len() - batched >= BATCH_AFTER && !records[batched..].iter().any(|record| record.contains('\n')) {
            // A cache: if it cannot be written, the next load reads the records.
            let _ = self.write_batch(&records, &batch, head).await;
        }
        Ok(records)
    }

    /// Stores `records` as the batch, if the log still has `head` records
    /// and the batch is still `read` (the one they started from).
    async fn write_batch(&self, records: &[String], read: &str, head: u64) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[EVENTS, BATCHES], TransactionMode::ReadWrite).map_err(classify)?;
        let (events, batches) = (tx.object_store(EVENTS).map_err(classify)?, tx.object_store(BATCHES).map_err(classify)?);
        let workspace = JsValue::from_str(&self.workspace);
        let stored = batches.get(Query::Key(workspace.clone())).map_err(classify)?.await.map_err(classify)?.and_then(|v| v.as_string()).unwrap_or_default();
        let now = events.count(Some(self.after(0)?)).map_err(classify)?.await.map_err(classify)? as u64;
        // An import or reset since the read rewrote the batch (and the log) as
        // a whole: then the stored batch differs, or already covers the log.
        if now != head || stored != read {
            let _ = tx.abort();
            return Ok(());
        }
        batches.put(&JsValue::from_str(&records.join("\n")), Some(&workspace)).map_err(classify)?.await.map_err(classify)?;
        commit(tx).await
    }

    /// The raw stored values of events after `seq`, in order.
    pub async fn raw_events_after(&self, seq: u64) -> Result<Vec<String>, StorageError> {
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadOnly).map_err(classify)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let values = store.get_all(Some(self.after(seq)?), None).map_err(classify)?.await.map_err(classify)?;
        Ok(values.into_iter().map(|v| v.as_string().unwrap_or_default()).collect())
    }

    /// Makes the next append fail after its command ran (see the field).
    pub fn abort_next_append(&self) {
        self.abort_next_append.set(true);
    }

    /// Runs `produce` (which applies a command to the in-memory world) only
    /// if nobody appended since `expected`, and stores the record it
    /// returns. Both happen in one readwrite transaction, which IndexedDB
    /// serialises across tabs. `produce` must not await.
    pub async fn append_with(&self, expected: u64, produce: impl FnOnce() -> Event) -> Result<Append, StorageError> {
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadWrite).map_err(classify)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let head = store.count(Some(self.after(0)?)).map_err(classify)?.await.map_err(classify)? as u64;
        if head != expected {
            let _ = tx.abort();
            return Ok(Append::Conflict { head });
        }
        let record = produce();
        let value = JsValue::from_str(&record.to_json());
        // `add`, not `put`: a key that exists is an error, never an overwrite.
        store.add(&value, Some(&self.key(head as f64 + 1.0))).map_err(classify)?.await.map_err(classify)?;
        if self.abort_next_append.replace(false) {
            let _ = tx.abort();
            return Err(StorageError::Failed("AbortError: the write was aborted".to_string()));
        }
        commit(tx).await?;
        Ok(Append::Appended { seq: head + 1 })
    }

    /// Replaces the workspace's whole log (an import, or a reset when
    /// `lines` is empty) in one transaction.
    /// `rules` is the new workspace's (its world's `schema_version`).
    pub async fn replace_all(&self, lines: &[String], rules: u32) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[EVENTS, BATCHES], TransactionMode::ReadWrite).map_err(classify)?;
        let events = tx.object_store(EVENTS).map_err(classify)?;
        // Requests run in the order they are made; waiting for each one
        // would only add a round trip per event. Any failure aborts the
        // whole transaction, which `commit` reports.
        events.delete(self.after(0)?).map_err(classify)?;
        let records: Vec<String> = lines.iter().map(|line| Event::new(line, rules).to_json()).collect();
        for (index, record) in records.iter().enumerate() {
            events.add(&JsValue::from_str(record), Some(&self.key(index as f64 + 1.0))).map_err(classify)?;
        }
        // The batch covers the whole new log, so a load that read the old
        // one never mistakes it for its own.
        tx.object_store(BATCHES).map_err(classify)?.put(&JsValue::from_str(&records.join("\n")), Some(&JsValue::from_str(&self.workspace))).map_err(classify)?;
        commit(tx).await
    }

    /// Writes a raw value at `[workspace, seq]` (tests use it to plant
    /// damage), and drops the batch, so the log is the only copy read.
    pub async fn put_raw(&self, seq: u64, raw: &str) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[EVENTS, BATCHES], TransactionMode::ReadWrite).map_err(classify)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        store.put(&JsValue::from_str(raw), Some(&self.key(seq as f64))).map_err(classify)?.await.map_err(classify)?;
        tx.object_store(BATCHES).map_err(classify)?.delete(Query::Key(JsValue::from_str(&self.workspace))).map_err(classify)?.await.map_err(classify)?;
        commit(tx).await
    }

    pub fn close(&self) {
        self.db.close();
    }
}
