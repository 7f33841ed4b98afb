//! Browser tests, run by wasm-bindgen-test in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --features web --test browser`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use release_lab::web::prefs::Prefs;
use release_lab::web::storage::{Append, EventLog, DB_VERSION};
use release_lab::web::store::{Persistence, Store};
use release_lab::web::views::App;
use release_lab::engine::world::SCHEMA_VERSION;
use release_lab::workspace::Event;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test uses.
fn db(name: &str) -> String {
    format!("release-lab-test-{name}-{}", js_sys::Math::random())
}

async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until `ready` holds, for at most ten seconds: CI machines can be slow.
async fn until(mut ready: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if ready() {
            return;
        }
        tick(10).await;
    }
    panic!("condition not met in time");
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[wasm_bindgen_test]
async fn event_log_round_trips_and_refuses_stale_writers() {
    let name = db("log");
    let log = EventLog::open(&name, "ws").await.expect("open");
    assert_eq!(log.head().await, Ok(0));
    let ran = std::cell::Cell::new(0);
    let append = log.append_with(0, || { ran.set(ran.get() + 1); Event::new("heroku create one", SCHEMA_VERSION) }).await.expect("append");
    assert_eq!((ran.get(), append), (1, Append::Appended { seq: 1 }));
    // A writer that has not seen event 1 is turned away without running.
    let append = log.append_with(0, || { ran.set(ran.get() + 1); Event::new("heroku create two", SCHEMA_VERSION) }).await.expect("append");
    assert_eq!((ran.get(), append), (1, Append::Conflict { head: 1 }));
    // Queries are kept too, marked as such.
    let append = log.append_with(1, || Event::record("heroku releases", false, SCHEMA_VERSION)).await.expect("append");
    assert_eq!(append, Append::Appended { seq: 2 });
    let raw = log.raw_events_after(0).await.expect("read");
    // A workspace of today's rules (3) says so in every record (schema 4).
    assert_eq!(raw, vec![r#"{"schema":4,"line":"heroku create one"}"#.to_string(), r#"{"schema":4,"line":"heroku releases","kind":"query"}"#.to_string()]);
    // Other workspaces in the same database are separate.
    let other = EventLog::open(&name, "other").await.expect("open");
    assert_eq!(other.head().await, Ok(0));
    log.replace_all(&["heroku create three".to_string(), "heroku create four".to_string()], SCHEMA_VERSION).await.expect("replace");
    assert_eq!(log.head().await, Ok(2));
}

/// A database written by version 1 (events plus world snapshots) opens
/// with its events intact and the obsolete snapshot store gone.
#[wasm_bindgen_test]
async fn a_version_1_database_migrates_keeping_its_events() {
    use idb::{DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
    let name = db("v1");
    let mut request = Factory::new().expect("factory").open(&name, Some(1)).expect("open v1");
    request.on_upgrade_needed(|event| {
        let db = event.database().expect("database");
        db.create_object_store("events", ObjectStoreParams::new()).expect("events store");
        db.create_object_store("snapshots", ObjectStoreParams::new()).expect("snapshots store");
    });
    let v1 = request.await.expect("v1 database");
    let tx = v1.transaction(&["events", "snapshots"], TransactionMode::ReadWrite).expect("transaction");
    let key: wasm_bindgen::JsValue = js_sys::Array::of2(&"main".into(), &1.0.into()).into();
    tx.object_store("events").expect("events").add(&r#"{"schema":1,"line":"heroku create old"}"#.into(), Some(&key)).expect("add").await.expect("added");
    tx.object_store("snapshots").expect("snapshots").put(&"{}".into(), Some(&"main".into())).expect("put").await.expect("put done");
    tx.commit().expect("commit").await.expect("committed");
    v1.close();

    let log = EventLog::open(&name, "main").await.expect("open migrates");
    assert_eq!(log.raw_events_after(0).await, Ok(vec![r#"{"schema":1,"line":"heroku create old"}"#.to_string()]));
    log.close();
    let reopened = Factory::new().expect("factory").open(&name, None).expect("open").await.expect("reopened");
    assert_eq!(reopened.store_names(), vec!["batches".to_string(), "events".to_string()]);
    reopened.close();
}

/// A reload reads the log as one batch plus the records after it: a long
/// tail is folded into the batch, an import rewrites it, and what is read
/// is always exactly the log's records, in order.
#[wasm_bindgen_test]
async fn the_batch_is_always_exactly_a_prefix_of_the_log() {
    use release_lab::workspace::Event;
    let name = db("batch");
    let log = EventLog::open(&name, "default").await.expect("open");
    let batch = || async {
        let db = idb::Factory::new().expect("factory").open(&name, None).expect("open").await.expect("db");
        let tx = db.transaction(&["batches"], idb::TransactionMode::ReadOnly).expect("transaction");
        let value = tx.object_store("batches").expect("batches").get(idb::Query::Key("default".into())).expect("get").await.expect("got");
        db.close();
        value.and_then(|v| v.as_string()).map(|text| text.split('\n').count())
    };
    let read_all = || async { log.raw_log().await.expect("raw log") };
    for n in 1..=250u64 {
        let appended = log.append_with(n - 1, || Event::new(&format!("heroku create app-{n}"), SCHEMA_VERSION)).await;
        assert_eq!(appended, Ok(Append::Appended { seq: n }));
    }
    assert_eq!(batch().await, None, "appends alone write no batch");
    let records = read_all().await;
    assert_eq!(records, log.raw_events_after(0).await.expect("events"));
    assert_eq!(records.len(), 250);
    assert_eq!(batch().await, Some(250), "a load folds a long tail into the batch");
    assert_eq!(log.append_with(250, || Event::record("heroku apps", false, SCHEMA_VERSION)).await, Ok(Append::Appended { seq: 251 }));
    let records = read_all().await;
    assert_eq!(records, log.raw_events_after(0).await.expect("events"), "the batch and the record after it");
    assert_eq!(batch().await, Some(250), "a short tail stays where it is");
    log.replace_all(&["heroku create replaced".to_string(), "heroku create also".to_string()], SCHEMA_VERSION).await.expect("replace");
    assert_eq!(batch().await, Some(2), "an import writes the batch with the log");
    assert_eq!(read_all().await, vec![Event::new("heroku create replaced", SCHEMA_VERSION).to_json(), Event::new("heroku create also", SCHEMA_VERSION).to_json()]);
    log.replace_all(&[], SCHEMA_VERSION).await.expect("reset");
    assert_eq!(read_all().await, Vec::<String>::new());
    log.close();
}

#[wasm_bindgen_test]
async fn a_store_reloads_exactly_what_was_there() {
    let name = leak(db("reload"));
    let first = Store::new();
    first.load(name).await;
    assert_eq!(first.persistence.get_untracked(), Persistence::Saved);
    for line in ["heroku create reload-me", "heroku config:set A=1 -a reload-me", "heroku releases -a reload-me", "heroku rollback v3 -a reload-me"] {
        first.run(line.to_string()).await;
    }
    let second = Store::new();
    second.load(name).await;
    assert_eq!(second.world.get_untracked(), first.world.get_untracked());
    assert_eq!(second.export(), first.export());
}

#[wasm_bindgen_test]
async fn two_writers_keep_every_action_with_unique_versions() {
    let name = leak(db("two"));
    let a = Store::new();
    let b = Store::new();
    a.load(name).await;
    b.load(name).await;
    a.run("heroku create shared".to_string()).await;
    // Both tabs act at the same time.
    let (x, y) = futures_join(
        async move { a.run("heroku config:set FROM_A=1 -a shared".to_string()).await },
        async move { b.run("heroku config:set FROM_B=1 -a shared".to_string()).await },
    )
    .await;
    assert!(x.ok && y.ok, "{}\n{}", x.text(), y.text());
    assert_eq!((a.persistence.get_untracked(), b.persistence.get_untracked()), (Persistence::Saved, Persistence::Saved));
    a.catch_up().await;
    b.catch_up().await;
    let versions = |s: &Store| s.world.with_untracked(|w| w.app("shared").map(|app| app.releases.iter().map(|r| r.version).collect::<Vec<_>>()).unwrap_or_default());
    assert_eq!(versions(&a), vec![1, 2, 3, 4]);
    assert_eq!(a.world.get_untracked(), b.world.get_untracked());
    let vars = a.world.with_untracked(|w| w.app("shared").map(|app| app.config_vars().keys().map(|k| k.to_string()).collect::<Vec<_>>()).unwrap_or_default());
    assert_eq!(vars, vec!["FROM_A".to_string(), "FROM_B".to_string()]);
    let fresh = Store::new();
    fresh.load(name).await;
    assert_eq!(fresh.world.get_untracked(), a.world.get_untracked());
}

/// Polls two futures together on the single browser thread.
async fn futures_join<A, B>(a: A, b: B) -> (A::Output, B::Output)
where
    A: std::future::Future + 'static,
    B: std::future::Future + 'static,
    A::Output: 'static,
    B::Output: 'static,
{
    use std::cell::RefCell;
    use std::rc::Rc;
    let left = Rc::new(RefCell::new(None));
    let right = Rc::new(RefCell::new(None));
    let (l, r) = (left.clone(), right.clone());
    let a: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> = Box::pin(async move { *l.borrow_mut() = Some(a.await) });
    let b: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> = Box::pin(async move { *r.borrow_mut() = Some(b.await) });
    wasm_bindgen_futures::spawn_local(a);
    wasm_bindgen_futures::spawn_local(b);
    until(|| left.borrow().is_some() && right.borrow().is_some()).await;
    let (x, y) = (left.borrow_mut().take(), right.borrow_mut().take());
    (x.expect("left"), y.expect("right"))
}

#[wasm_bindgen_test]
async fn a_failed_write_is_reported_and_memory_stays_intact() {
    let name = leak(db("lost"));
    let store = Store::new();
    store.load(name).await;
    assert!(store.run("heroku create lost-storage".to_string()).await.ok);
    store.close_storage();
    let output = store.run("heroku config:set KEPT=yes -a lost-storage".to_string()).await;
    assert!(output.text().contains("not saved"), "{}", output.text());
    assert!(matches!(store.persistence.get_untracked(), Persistence::MemoryOnly(_)));
    let kept = store.world.with_untracked(|w| w.app("lost-storage").map(|a| a.config_vars().get("KEPT").map(|v| v.to_string())).ok().flatten());
    assert_eq!(kept.as_deref(), Some("yes"), "the change stays in memory");
    // Later commands still work, in memory.
    assert!(store.run("heroku config:set MORE=1 -a lost-storage".to_string()).await.ok);
    assert!(store.export().contains("MORE=1"));
}

#[wasm_bindgen_test]
async fn unreadable_data_opens_explains_and_keeps_the_data() {
    let name = leak(db("corrupt"));
    let log = EventLog::open(name, "default").await.expect("open");
    log.put_raw(1, "this is not an event").await.expect("plant");
    let store = Store::new();
    store.load(name).await;
    let Persistence::Unreadable(reason) = store.persistence.get_untracked() else { panic!("expected unreadable") };
    assert!(reason.contains("event 1"), "{reason}");
    // The app still works, in memory, and the raw data can be downloaded.
    assert!(store.run("heroku create still-works".to_string()).await.ok);
    assert!(store.raw_data().await.contains("this is not an event"));
    assert_eq!(log.head().await, Ok(1), "nothing was deleted");
}

/// A log saved by a build before the API oracle (records of schema 1 and 2)
/// reloads by the rules it was written under, and what is added to it keeps
/// them: an add-on's var stays unset, a HEROKU_ key stays refused.
#[wasm_bindgen_test]
async fn a_log_of_the_original_rules_keeps_them() {
    let name = leak(db("original-rules"));
    let log = EventLog::open(name, "default").await.expect("open");
    let records = [
        r#"{"schema":1,"line":"heroku create legacy"}"#,
        r#"{"schema":1,"line":"heroku addons:create papertrail:choklad -a legacy"}"#,
        r#"{"schema":1,"line":"heroku config:unset PAPERTRAIL_API_TOKEN -a legacy"}"#,
        r#"{"schema":2,"line":"heroku config:set HEROKU_X=1 -a legacy","kind":"query"}"#,
    ];
    for (index, record) in records.iter().enumerate() {
        log.put_raw(index as u64 + 1, record).await.expect("plant");
    }
    let store = Store::new();
    store.load(name).await;
    assert_eq!(store.persistence.get_untracked(), Persistence::Saved);
    let world = store.world.get_untracked();
    assert_eq!(world.schema_version, 1);
    let vars = world.app("legacy").expect("the app").config_vars().clone();
    assert!(!vars.contains_key("PAPERTRAIL_API_TOKEN") && !vars.contains_key("HEROKU_X"), "{vars:?}");
    let output = store.run("heroku config:set HEROKU_Y=1 -a legacy".to_string()).await;
    assert!(!output.ok, "{}", output.text());
    let raw = log.raw_events_after(4).await.expect("read");
    assert_eq!(raw, vec![r#"{"schema":2,"line":"heroku config:set HEROKU_Y=1 -a legacy","kind":"query"}"#.to_string()]);
    assert!(store.export().contains(r#""schema":1"#), "{}", store.export());
}

#[wasm_bindgen_test]
async fn data_from_a_future_schema_is_refused_not_discarded() {
    let name = leak(db("future"));
    let log = EventLog::open(name, "default").await.expect("open");
    log.put_raw(1, r#"{"schema":99,"line":"heroku create from-the-future"}"#).await.expect("plant");
    let store = Store::new();
    store.load(name).await;
    let Persistence::Unreadable(reason) = store.persistence.get_untracked() else { panic!("expected unreadable") };
    assert!(reason.contains("newer Release Lab"), "{reason}");
    assert_eq!(log.head().await, Ok(1));
}

#[wasm_bindgen_test]
async fn a_full_local_storage_is_reported_and_work_goes_on() {
    let storage = web_sys::window().expect("window").local_storage().expect("storage").expect("local storage");
    // Saving a value as large as one already stored needs no new room.
    let _ = storage.remove_item("release-lab:prefs");
    // Fill localStorage until the browser refuses even a few bytes (QuotaExceededError).
    let mut filled = 0;
    let mut size = 512 * 1024;
    while size >= 4 {
        while storage.set_item(&format!("filler-{filled}"), &"x".repeat(size)).is_ok() {
            filled += 1;
            assert!(filled < 10_000, "localStorage never filled up");
        }
        size /= 2;
    }
    let error = Prefs { theme: "dark".into(), ..Prefs::default() }.save().expect_err("full storage");
    let store = Store::new();
    store.save_prefs(|p| p.theme = "light".into());
    for index in 0..filled {
        let _ = storage.remove_item(&format!("filler-{index}"));
    }
    assert!(error.to_lowercase().contains("quota"), "{error}");
    assert!(store.notice.get_untracked().is_some_and(|n| n.contains("Preferences could not be saved")));
    assert_eq!(store.prefs.get_untracked().theme, "light", "the in-memory choice stays");
}

/// A newer build upgrading the schema in another tab is not blocked by this
/// tab's connection: this tab lets go, and its next write fails visibly.
#[wasm_bindgen_test]
async fn a_schema_upgrade_elsewhere_is_not_blocked_and_later_writes_are_reported() {
    use idb::Factory;
    let name = db("upgrade");
    let log = EventLog::open(&name, "main").await.expect("open");
    let opened = std::rc::Rc::new(std::cell::Cell::new(false));
    let newer = Factory::new().expect("factory").open(&name, Some(DB_VERSION + 1)).expect("open newer");
    let flag = opened.clone();
    wasm_bindgen_futures::spawn_local(async move {
        newer.await.expect("the upgrade is not blocked").close();
        flag.set(true);
    });
    until(|| opened.get()).await;
    let result = log.append_with(0, || Event::new("heroku create late", SCHEMA_VERSION)).await;
    assert!(result.is_err(), "the old connection is closed: {result:?}");
}

/// Where the browser blocks storage (a third-party iframe, say), reading
/// `window.localStorage` throws. Preferences then fall back to defaults and
/// a save is refused with a reason, instead of the app aborting.
#[wasm_bindgen_test]
fn blocked_local_storage_gives_defaults_and_a_reason() {
    use js_sys::{Object, Reflect};
    let window = web_sys::window().expect("window");
    let original = Object::get_own_property_descriptor(&window, &"localStorage".into());
    let blocked = Object::new();
    let getter = js_sys::Function::new_no_args("throw new DOMException('The operation is insecure.', 'SecurityError')");
    Reflect::set(&blocked, &"get".into(), &getter).expect("getter");
    Reflect::set(&blocked, &"configurable".into(), &true.into()).expect("configurable");
    Object::define_property(&window, &"localStorage".into(), &blocked);
    assert!(window.local_storage().is_err(), "the getter now throws");

    let loaded = Prefs::load();
    let saved = Prefs::default().save();
    let store = Store::new();
    store.save_prefs(|p| p.theme = "dark".into());

    Object::define_property(&window, &"localStorage".into(), &original.unchecked_into());
    assert!(window.local_storage().is_ok_and(|s| s.is_some()), "restored");
    assert_eq!(loaded, Prefs::default());
    assert_eq!(saved, Err("localStorage is not available here".to_string()));
    assert!(store.notice.get_untracked().is_some_and(|n| n.contains("Preferences could not be saved")));
    assert_eq!(store.prefs.get_untracked().theme, "dark", "the in-memory choice stays");
}

/// The browser build reads JSON with `JSON.parse`; the native build with
/// serde_json. Both must accept and refuse exactly the same files.
#[wasm_bindgen_test]
fn the_browser_json_reader_agrees_with_serde_json() {
    use release_lab::engine::World;
    use release_lab::web::json;
    use release_lab::workspace::{self, WorkspaceError};
    let mut world = World::following(1);
    let mut events = Vec::new();
    for line in ["heroku create parity", "heroku config:set A=1", "git commit -m 'first'"] {
        assert!(workspace::apply(&mut world, line).1);
        events.push(line.to_string());
    }
    // A file of the original rules (schema 1), as earlier builds wrote them.
    let good = workspace::export(&events, 1);
    let files = [
        good.clone(),
        good.replace("\"version\":2", "\"version\":9"),
        good.replace("\"version\":2", "\"version\":2.0"),
        good.replace("\"version\":2", "\"version\":\"2\""),
        good.replace("\"version\":2", "\"version\":-1"),
        good.replace("\"schema\":1", "\"schema\":7"),
        good.replace("\"schema\":1,", ""),
        good.replace("\"schema\":1,", "\"state\":{\"schema_version\":1},"),
        good.replace("\"schema\":1,", "\"state\":{\"schema_version\":4},"),
        good.replace("\"heroku create parity\"", "7"),
        good.replace("heroku config:set A=1", "heroku config:set BAD-KEY=1"),
        good.replace("release-lab-workspace", "other"),
        r#"{"format":"release-lab-workspace","version":2,"schema":1}"#.to_string(),
        r#"{"format":"release-lab-workspace","version":2,"schema":1,"events":null}"#.to_string(),
        "[1]".to_string(),
        "5".to_string(),
        "{".to_string(),
    ];
    let mut refused = 0;
    for file in &files {
        let (browser, native) = (json::import(file), workspace::import(file));
        match (&browser, &native) {
            // The parsers word syntax errors differently.
            (Err(WorkspaceError::NotJson(_)), Err(WorkspaceError::NotJson(_))) => {}
            _ => assert_eq!(browser, native, "{file}"),
        }
        refused += usize::from(native.is_err());
    }
    assert_eq!(refused, files.len() - 3, "all but the good file, 2.0 and the version 1 schema are refused");
    for event in [r#"{"schema":1,"line":"heroku apps"}"#, r#"{"schema":9,"line":"x"}"#, r#"{"schema":1}"#, r#"{"schema":1,"line":["x"]}"#, r#"{"line":"x"}"#] {
        assert_eq!(json::decode_event(event), Event::from_json(event), "{event}");
    }
    assert!(matches!(json::decode_event("not json"), Err(WorkspaceError::Damaged(_))));
}

#[wasm_bindgen_test]
async fn the_page_mounts_and_its_forms_drive_the_engine() {
    let name = leak(db("dom"));
    let document = web_sys::window().expect("window").document().expect("document");
    let host = document.create_element("div").expect("div");
    document.body().expect("body").append_child(&host).expect("append");
    let host_el: web_sys::HtmlElement = host.clone().dyn_into().expect("html element");
    let handle = leptos::mount::mount_to(host_el, move || view! { <App db_name=name/> });
    until(|| host.text_content().unwrap_or_default().contains("Saved in this browser")).await;
    assert!(host.query_selector("#app-select").expect("query").is_some());
    assert!(host.text_content().unwrap_or_default().contains("Three things to try"));

    let input: web_sys::HtmlInputElement = host.query_selector("#new-app-name").expect("query").expect("input").dyn_into().expect("input");
    input.set_value("dom-app");
    input.dispatch_event(&web_sys::Event::new("input").expect("event")).expect("dispatch");
    let form: web_sys::HtmlFormElement = host.query_selector("form.create-app").expect("query").expect("form").dyn_into().expect("form");
    form.request_submit().expect("submit");
    until(|| host.text_content().unwrap_or_default().contains("Enable Logplex")).await;
    until(|| host.query_selector(".terminal-text .entry").ok().flatten().is_some()).await;
    let rows = host.query_selector_all(".releases tbody tr").expect("rows");
    assert_eq!(rows.length(), 2);
    let terminal = || host.query_selector(".terminal-text").expect("query").expect("terminal").text_content().unwrap_or_default();
    assert!(terminal().starts_with("$ heroku create dom-app --generation cedar\nCreating ⬢ dom-app... done\n"), "{}", terminal());

    // Typed lines run through the same engine and print what a script prints.
    let command: web_sys::HtmlInputElement = host.query_selector("#terminal-command").expect("query").expect("command").dyn_into().expect("input");
    let typed_form: web_sys::HtmlFormElement = host.query_selector("form.terminal-input").expect("query").expect("form").dyn_into().expect("form");
    for line in ["heroku releases", "heroku rollback v1"] {
        command.set_value(line);
        command.dispatch_event(&web_sys::Event::new("input").expect("event")).expect("dispatch");
        typed_form.request_submit().expect("submit");
        until(|| terminal().contains(&format!("$ {line}\n"))).await;
    }
    let script = "heroku create dom-app --generation cedar\nheroku releases\nheroku rollback v1";
    let expected = release_lab::script::run_script(&mut release_lab::engine::World::new(), script);
    until(|| terminal() == expected).await;
    drop(handle);
}

/// When the write fails after the command already ran, the world keeps the
/// change, and so does the log an export is made from.
#[wasm_bindgen_test]
async fn a_write_that_fails_after_the_command_ran_keeps_world_and_log_together() {
    let name = leak(db("abort"));
    let store = Store::new();
    store.load(name).await;
    assert!(store.run("heroku create aborted".to_string()).await.ok);
    store.event_log().expect("log").abort_next_append();
    let output = store.run("heroku config:set KEPT=yes -a aborted".to_string()).await;
    assert!(output.text().contains("release-lab: not saved: "), "{}", output.text());
    assert!(matches!(store.persistence.get_untracked(), Persistence::MemoryOnly(_)));
    let kept = store.world.with_untracked(|w| w.app("aborted").map(|a| a.config_vars().get("KEPT").map(|v| v.to_string())).ok().flatten());
    assert_eq!(kept.as_deref(), Some("yes"));
    let (world, events) = release_lab::workspace::import(&store.export()).expect("the export imports");
    assert_eq!(events, ["heroku create aborted", "heroku config:set KEPT=yes -a aborted"]);
    assert_eq!(world, store.world.get_untracked(), "the export rebuilds exactly the world on screen");
    // Nothing of the failed write reached storage.
    let log = EventLog::open(name, "default").await.expect("open");
    assert_eq!(log.head().await, Ok(1));
}

/// Appends that keep losing give up with a failure, and a batch stops there.
#[wasm_bindgen_test]
async fn the_conflict_limit_reports_failure_and_stops_a_batch() {
    use idb::{Factory, TransactionMode};
    let name = leak(db("conflict"));
    let store = Store::new();
    store.load(name).await;
    assert!(store.run("heroku create busy".to_string()).await.ok);
    // A record at seq 1.5 is counted by every append's check but never read
    // by a catch-up (which reads from seq 2): this tab loses every attempt.
    let db = Factory::new().expect("factory").open(name, None).expect("open").await.expect("db");
    let tx = db.transaction(&["events"], TransactionMode::ReadWrite).expect("transaction");
    let key: wasm_bindgen::JsValue = js_sys::Array::of2(&"default".into(), &1.5.into()).into();
    tx.object_store("events").expect("events").add(&r#"{"schema":1,"line":"heroku create hidden"}"#.into(), Some(&key)).expect("add").await.expect("added");
    tx.commit().expect("commit").await.expect("committed");
    db.close();
    let before = store.world.get_untracked();
    let completed = store.run_all(vec!["git commit -m 'one' -a busy".to_string(), "git push heroku main -a busy".to_string()]).await;
    assert!(completed.is_err(), "the batch reports failure");
    assert_eq!(store.world.get_untracked(), before, "nothing ran");
    let last = store.terminal.with_untracked(|t| t.last().cloned()).expect("an entry");
    assert_eq!(last.line, "git commit -m 'one' -a busy", "the push after the refused commit never ran");
    assert!(!last.output.ok);
    assert_eq!(last.output.effect.failure.as_ref().map(|f| f.kind), Some(release_lab::engine::ErrorKind::Conflict));
    assert!(last.output.text().contains("not run"), "{}", last.output.text());
}

/// Undo in one tab is undone in the other too; both export exactly the
/// remaining actions, and a reload agrees.
#[wasm_bindgen_test]
async fn undo_and_redo_stay_consistent_across_two_tabs() {
    let name = leak(db("undo"));
    let a = Store::new();
    let b = Store::new();
    a.load(name).await;
    b.load(name).await;
    for line in ["heroku create shared-undo", "heroku config:set A=1 -a shared-undo", "heroku releases -a shared-undo", "heroku config:set B=2 -a shared-undo"] {
        a.run(line.to_string()).await;
    }
    b.catch_up().await;
    assert_eq!(b.world.get_untracked(), a.world.get_untracked());
    let undone = b.run("sim undo".to_string()).await;
    assert_eq!(undone.text(), "Undone: heroku config:set B=2 -a shared-undo\n");
    a.catch_up().await;
    assert_eq!(a.world.get_untracked(), b.world.get_untracked());
    let remaining = ["heroku create shared-undo", "heroku config:set A=1 -a shared-undo"];
    for store in [&a, &b] {
        let (world, events) = release_lab::workspace::import(&store.export()).expect("imports");
        assert_eq!(events, remaining);
        assert_eq!(world, store.world.get_untracked());
    }
    // Redo from the other tab brings it back everywhere.
    assert!(a.run("sim redo".to_string()).await.ok);
    b.catch_up().await;
    assert_eq!(b.world.get_untracked(), a.world.get_untracked());
    let reloaded = Store::new();
    reloaded.load(name).await;
    assert_eq!(reloaded.world.get_untracked(), a.world.get_untracked());
    assert_eq!(reloaded.export(), a.export());
    // The reloaded terminal shows the whole session, queries included.
    let lines: Vec<String> = reloaded.terminal.with_untracked(|t| t.iter().map(|e| e.line.clone()).collect());
    assert_eq!(lines, ["heroku create shared-undo", "heroku config:set A=1 -a shared-undo", "heroku releases -a shared-undo", "heroku config:set B=2 -a shared-undo", "sim undo", "sim redo"]);

    // A log longer than the terminal's window reloads its older part by
    // fast-forwarding (undo resolved on the lines, queries skipped): the
    // same world, history and export all the same.
    for step in 0..240 {
        let line = match step % 4 {
            0 => format!("heroku config:set STEP={step} -a shared-undo"),
            1 => "sim undo".to_string(),
            2 => "heroku releases -n 2 -a shared-undo".to_string(),
            _ => "sim redo".to_string(),
        };
        a.run(line).await;
    }
    let long = Store::new();
    long.load(name).await;
    assert_eq!(long.persistence.get_untracked(), Persistence::Saved);
    assert_eq!(long.world.get_untracked(), a.world.get_untracked());
    assert_eq!(long.history.get_untracked(), a.history.get_untracked());
    assert_eq!(long.export(), a.export());
    let shown = long.terminal.with_untracked(|t| t.iter().map(|e| (e.line.clone(), e.output.clone())).collect::<Vec<_>>());
    let live = a.terminal.with_untracked(|t| t.iter().map(|e| (e.line.clone(), e.output.clone())).collect::<Vec<_>>());
    assert_eq!(shown.len(), release_lab::web::store::SHOWN.min(live.len()));
    assert_eq!(shown[..], live[live.len() - shown.len()..], "the window shows what the live tab printed");
}

/// A record from another tab that does not replay stops the catch-up, but
/// what did replay before it stays in the world, the records and the
/// export alike.
#[wasm_bindgen_test]
async fn a_catch_up_that_fails_part_way_keeps_world_and_records_together() {
    let name = leak(db("partial"));
    let store = Store::new();
    store.load(name).await;
    assert!(store.run("heroku create partial".to_string()).await.ok);
    let log = EventLog::open(name, "default").await.expect("open");
    log.put_raw(2, r#"{"schema":1,"line":"heroku config:set GOOD=1 -a partial"}"#).await.expect("plant");
    log.put_raw(3, r#"{"schema":1,"line":"heroku config:set BAD-KEY=1 -a partial"}"#).await.expect("plant");
    store.catch_up().await;
    let Persistence::Unreadable(reason) = store.persistence.get_untracked() else { panic!("expected unreadable") };
    assert!(reason.contains("event 3"), "{reason}");
    assert_eq!(store.line_count(), 2, "the good record is kept, the refused one is not");
    let (world, events) = release_lab::workspace::import(&store.export()).expect("imports");
    assert_eq!(events, ["heroku create partial", "heroku config:set GOOD=1 -a partial"]);
    assert_eq!(world, store.world.get_untracked());
    let lines: Vec<String> = store.terminal.with_untracked(|t| t.iter().map(|e| e.line.clone()).collect());
    assert_eq!(lines, ["heroku create partial", "heroku config:set GOOD=1 -a partial"]);
}
