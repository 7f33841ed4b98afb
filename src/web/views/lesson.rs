//! Lessons in the page: the list of lessons, the one in progress (its
//! explanation, goals checked against the world as commands run, hints,
//! the solution, a reset), and "Copy link" for the workspace or the lesson
//! with its progress.
//!
//! Where the page is comes from the address: `#lesson=ID` opens a lesson
//! in a workspace of its own (`lesson-ID`), so its progress is saved and
//! the user's own workspace is never touched; `#lab=…` opens a shared
//! workspace in memory only. Changing the address reloads the page.
//!
//! The panel only shows data, so it is one string (`crate::markup`) with
//! one click handler (`data-act` on its controls).

use super::notices::download;
use super::{use_store, Lessons};
use crate::lesson::Lesson;
use crate::markup::Markup;
use crate::web::link::{self, Address, MAX_LINK};
use crate::web::store::{Store, SHOWN};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

const CUSTOM: &str = "release-lab:lesson:";

/// What the panel shows. One signal for all of it: each signal type costs
/// the wasm its own copy of the reactive code.
#[derive(Clone, Default)]
pub struct LessonState {
    /// The built-in lessons, once fetched.
    catalogue: Vec<Lesson>,
    /// The lesson in progress.
    active: Option<Lesson>,
    /// The workspace came from a link and lives in memory only.
    shared: bool,
    hints: usize,
    solution: bool,
    /// The list of lessons is open.
    open: bool,
    note: Option<String>,
    /// The last link made, to copy by hand.
    link: Option<String>,
}

impl Lessons {
    pub fn new() -> Lessons {
        Lessons(RwSignal::new(LessonState::default()))
    }

    fn note(self, note: String) {
        self.0.update(|s| s.note = Some(note));
    }

    /// The lesson in progress: its id, and its start's lines. (Read
    /// through `with`, never cloned whole: a lesson's `Clone` costs wasm.)
    fn active_id(self) -> Option<String> {
        self.0.with_untracked(|s| s.active.as_ref().map(|l| l.id.clone()))
    }

    fn active_start(self) -> Option<Vec<String>> {
        self.0.with_untracked(|s| s.active.as_ref().map(|l| l.start.clone()))
    }
}

/// The built-in lessons, in order: `lessons/index.txt` names their files.
/// Each is returned with its source, to parse again for the one that opens.
async fn fetch_catalogue() -> Result<(Vec<Lesson>, Vec<String>), String> {
    let index = link::fetch_text("lessons/index.txt").await?;
    let (mut lessons, mut sources) = (Vec::new(), Vec::new());
    for file in index.lines().map(str::trim).filter(|f| !f.is_empty()) {
        let source = link::fetch_text(&format!("lessons/{file}")).await?;
        lessons.push(Lesson::parse(&source).map_err(|e| format!("lessons/{file}: {e}"))?);
        sources.push(source);
    }
    Ok((lessons, sources))
}

fn load_catalogue(lessons: Lessons) {
    if !lessons.0.with_untracked(|s| s.catalogue.is_empty()) {
        return;
    }
    spawn_local(async move {
        match fetch_catalogue().await {
            Ok((all, _)) => lessons.0.update(|s| s.catalogue = all),
            Err(error) => lessons.note(format!("The lessons could not be loaded: {error}")),
        }
    });
}

/// localStorage, where the browser lets the page reach it (its getter
/// throws where storage is blocked) and the instance may use it: one that
/// keeps its work in memory never touches what the full app keeps there.
fn local_storage(store: Store) -> Option<web_sys::Storage> {
    if store.keeps_nothing() {
        return None;
    }
    window().local_storage().ok().flatten()
}

fn saved_custom(store: Store, id: &str) -> Option<Lesson> {
    let source = local_storage(store)?.get_item(&format!("{CUSTOM}{id}")).ok().flatten()?;
    Lesson::parse(&source).ok()
}

/// Keeps a trainer's lesson in this browser and opens it.
fn open_custom(store: Store, source: &str, from: &str) -> Result<(), String> {
    let lesson = Lesson::parse(source).map_err(|e| format!("{from}: {e}"))?;
    if store.keeps_nothing() {
        return Err("This page keeps nothing; open your own lesson in the full app, or by its URL.".to_string());
    }
    local_storage(store)
        .and_then(|storage| storage.set_item(&format!("{CUSTOM}{}", lesson.id), source).ok())
        .ok_or("The lesson could not be kept: this browser's storage is blocked or full.")?;
    let _ = window().location().set_hash(&format!("lesson={}", lesson.id));
    Ok(())
}

/// Opens what the address asks for, then the workspace that goes with it;
/// `script` (a docs block's commands) runs when that workspace is empty
/// and no lesson's start does.
pub async fn open(store: Store, lessons: Lessons, db_name: &str, script: Vec<String>) {
    let mut address = Address::current();
    // Nothing to keep in a memory instance: a shared lab just opens.
    address.keep &= !store.keeps_nothing();
    let mut fetched_lesson = None;
    if let Some(url) = address.lesson_url.take() {
        let fetched = link::fetch_text(&url).await;
        match fetched.and_then(|source| Lesson::parse(&source).map(|l| (l, source)).map_err(|e| format!("{url}: {e}"))) {
            Ok((lesson, source)) => {
                if let Some(storage) = local_storage(store) {
                    let _ = storage.set_item(&format!("{CUSTOM}{}", lesson.id), &source);
                }
                address.lesson = Some(lesson.id.clone());
                fetched_lesson = Some(lesson);
            }
            Err(error) => lessons.note(format!("The lesson could not be opened: {error}")),
        }
    }
    if let Some(id) = &address.lesson {
        let built_in = match fetch_catalogue().await {
            Ok((all, sources)) => {
                let found = all.iter().position(|l| &l.id == id).and_then(|i| Lesson::parse(&sources[i]).ok());
                lessons.0.update(|s| s.catalogue = all);
                found
            }
            Err(_) => None,
        };
        match built_in.or(fetched_lesson).or_else(|| saved_custom(store, id)) {
            Some(lesson) => {
                store.use_workspace(format!("lesson-{id}"));
                lessons.0.update(|s| s.active = Some(lesson));
            }
            None => lessons.note(format!("There is no lesson \"{id}\" here; the list below has the lessons there are.")),
        }
    }
    // A shared lab opens in memory, unless the page was asked to keep it.
    if let Some(lab) = address.lab.as_deref().filter(|_| !address.keep) {
        match open_shared(lab).await {
            Ok(import) => {
                lessons.0.update(|s| s.shared = !store.keeps_nothing());
                store.open_in_memory(import, "This lab came from a link; Keep it in this browser to save it.".to_string());
                return;
            }
            Err(error) => lessons.note(format!("The link could not be opened: {error}. Your own workspace is shown instead.")),
        }
    }
    store.load(db_name).await;
    if let Some(lab) = address.lab.as_deref().filter(|_| address.keep) {
        keep_shared(store, lessons, lab).await;
    }
    let start = lessons.active_start().or((!script.is_empty()).then_some(script));
    if let Some(start) = start.filter(|_| store.line_count() == 0) {
        if store.claim() {
            run_start(store, start).await;
        }
    }
}

/// Runs a lesson's start on a claimed store, every line whatever it
/// prints (as `Lesson::start` does natively), and ends the claim.
async fn run_start(store: Store, start: Vec<String>) {
    if start.is_empty() {
        store.release_claim().await;
    }
    for line in start {
        store.run(line).await;
    }
}

/// Imports a shared lab into the workspace just loaded (the saved one, or
/// the lesson's), once the user agrees, through the same `Store::import`
/// a file import uses.
async fn keep_shared(store: Store, lessons: Lessons, lab: &str) {
    let question = match lessons.active_id() {
        Some(_) => "Keep this lab as your progress in the lesson? Your own progress in it is replaced.",
        None => "Replace the workspace saved in this browser with this lab? Export it first if you want to keep it.",
    };
    let kept = match open_shared(lab).await {
        Ok(import) if window().confirm_with_message(question).unwrap_or(false) && store.claim_for_import() => {
            let stored = store.import(import).await;
            store.release_claim().await;
            stored.map(|()| "Kept: this lab is now saved in this browser.".to_string())
        }
        Ok(_) => Err("Not kept: what was saved stays as it was.".to_string()),
        Err(error) => Err(format!("The link could not be opened: {error}")),
    };
    lessons.note(kept.unwrap_or_else(|e| e));
    let lesson = lessons.active_id().map(|id| format!("#lesson={id}")).unwrap_or_else(|| "#".to_string());
    replace_address(&lesson);
}

/// Changes the address without a new page (the workspace already is the one it names).
fn replace_address(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

async fn open_shared(lab: &str) -> Result<crate::workspace::Import, String> {
    let text = link::workspace_of(lab).await?;
    let mut import = crate::web::json::start_import(&text, SHOWN).map_err(|e| e.to_string())?;
    while !import.step(1000).map_err(|e| e.to_string())? {}
    Ok(import)
}

/// Explanation text: `backquoted` words as code.
fn prose(out: &mut Markup, tag: &str, text: &str) {
    out.s("<").s(tag).s(">");
    for (index, part) in text.split('`').enumerate() {
        if index % 2 == 1 {
            out.el("code", part);
        } else {
            out.t(part);
        }
    }
    let name = tag.split(' ').next().unwrap_or(tag);
    out.s("</").s(name).s(">");
}

fn lesson_html(out: &mut Markup, store: Store, state: &LessonState, lesson: &Lesson) {
    let all = &state.catalogue;
    let place = all.iter().position(|l| l.id == lesson.id).map(|i| (i, all.len(), all.get(i + 1)));
    out.s(r#"<p class="lesson-place">"#);
    if let Some((index, count, _)) = &place {
        out.s("Lesson ").n(*index as i64 + 1).s(" of ").n(*count as i64).s(" · ");
    }
    out.s(r##"<a href="#">Leave the lesson</a></p>"##);
    out.el(r#"h2 id="lesson-title""#, &lesson.title);
    for paragraph in &lesson.text {
        prose(out, "p", paragraph);
    }
    out.s(r#"<p class="docs">Heroku docs: "#);
    for (index, url) in lesson.docs.iter().enumerate() {
        if index > 0 {
            out.s(", ");
        }
        out.s(r#"<a target="_blank" rel="noopener" href=""#).t(url).s(r#"">"#).t(url.trim_start_matches("https://")).s("</a>");
    }
    out.s("</p><h3>Goals</h3>");
    // Goals are read from the world and, for `ran` and `refused`, the
    // commands run since the start. A line's record is kept after its
    // world changes, so the terminal (updated after both) is what to follow.
    store.terminal.track();
    let ran = if lesson.reads_lines() { store.session().unwrap_or_default() } else { Vec::new() };
    let met = store.world.with(|world| lesson.met(world, ran.get(lesson.start.len()..).unwrap_or_default()));
    out.s(r#"<ul class="goals">"#);
    for (goal, met) in lesson.goals.iter().zip(&met) {
        out.s(if *met { r#"<li class="met"><span aria-hidden="true">✓ </span>"# } else { r#"<li><span aria-hidden="true">○ </span>"# });
        prose(out, "span", &goal.text);
        out.s(if *met { r#"<span class="visually-hidden"> (met)</span></li>"# } else { r#"<span class="visually-hidden"> (not met yet)</span></li>"# });
    }
    out.s("</ul>");
    let done = met.iter().all(|m| *m);
    out.s(r#"<p class="lesson-done" role="status">"#);
    if done {
        out.s("All goals met. ");
        match place.and_then(|(_, _, next)| next) {
            Some(next) => out.s(r##"<a href="#lesson="##).t(&next.id).s(r#"">Next lesson: "#).t(&next.title).s("</a>"),
            None => out.s(r##"<a href="#">Back to your own workspace</a>"##),
        };
    }
    out.s("</p>");
    let shown = state.hints.min(lesson.hints.len());
    out.s("<h3>Hints</h3>");
    if shown > 0 {
        out.s(r#"<ol class="hints">"#);
        for hint in &lesson.hints[..shown] {
            prose(out, "li", hint);
        }
        out.s("</ol>");
    }
    if shown < lesson.hints.len() {
        out.s(r#"<button data-act="hint">Show a hint ("#).n(shown as i64 + 1).s(" of ").n(lesson.hints.len() as i64).s(")</button> ");
    }
    if state.solution {
        out.s(r#"<h3>Solution</h3><pre class="solution">"#).t(&lesson.solution.join("\n")).s("</pre>");
    } else {
        out.s(r#"<button data-act="solution">Show the solution</button>"#);
    }
    out.s(r#"<p class="row"><button data-act="reset">Reset the lesson</button> <button data-act="share">Copy link</button></p>"#);
}

fn chooser_html(out: &mut Markup, state: &LessonState) {
    let open = state.open;
    out.s(r#"<h2 id="lesson-title"><button class="link" data-act="toggle" aria-expanded=""#).s(if open { "true" } else { "false" }).s(r#"">Lessons</button></h2>"#);
    if !open {
        out.s(r#"<p>Guided exercises with goals, hints and solutions. <button data-act="share">Copy link to this workspace</button></p>"#);
        return;
    }
    out.s(r#"<ol class="lesson-list">"#);
    {
        for lesson in &state.catalogue {
            out.s(r##"<li><a href="#lesson="##).t(&lesson.id).s(r#"">"#).t(&lesson.title).s("</a></li>");
        }
    }
    out.s("</ol>");
    out.s(r#"<p class="row"><label for="lesson-file">Open a lesson file</label><input id="lesson-file" type="file" accept=".md,text/markdown,text/plain" data-act="file"></p>"#);
    out.s(r#"<p class="row"><label for="lesson-url">or a lesson's URL</label><input id="lesson-url" type="url" placeholder="https://example.com/my-lesson.md"><button data-act="url">Open</button></p>"#);
    out.s(r#"<p><button data-act="share">Copy link to this workspace</button></p>"#);
}

#[component]
pub fn LessonPanel() -> impl IntoView {
    let store = use_store();
    let lessons = expect_context::<Lessons>();
    let html = move || lessons.0.with(|state| {
        let mut out = Markup::new();
        if state.shared {
            out.s(r##"<p class="notice warning">This lab came from a link and is not saved in this browser. <button data-act="keep">Keep it in this browser</button> <a href="#">Back to your own workspace</a></p>"##);
        }
        match &state.active {
            Some(lesson) => lesson_html(&mut out, store, state, lesson),
            None => chooser_html(&mut out, state),
        }
        if let Some(note) = &state.note {
            out.el(r#"p class="form-error" role="alert""#, note);
        }
        if let Some(url) = &state.link {
            out.s(r#"<p class="row"><label for="share-link">Link</label><input id="share-link" readonly value=""#).t(url).s(r#""></p>"#);
        }
        out.0
    });
    let frame = NodeRef::<leptos::html::Div>::new();
    let act = move |ev: web_sys::Event| {
        let Some(control) = super::clicked(&ev, "[data-act]") else { return };
        let action = control.get_attribute("data-act").unwrap_or_default();
        let is_change = ev.type_() == "change";
        if (action == "file") != is_change {
            return;
        }
        lessons.0.update(|s| s.note = None);
        match action.as_str() {
            "toggle" => {
                lessons.0.update(|s| s.open = !s.open);
                load_catalogue(lessons);
            }
            "hint" => lessons.0.update(|s| s.hints += 1),
            "solution" => lessons.0.update(|s| s.solution = true),
            "reset" => reset(store, lessons),
            "share" => share(store, lessons),
            "keep" => keep(),
            "file" => {
                let file = control.dyn_into::<web_sys::HtmlInputElement>().ok().and_then(|input| input.files()).and_then(|files| files.get(0));
                if let Some(file) = file {
                    spawn_local(async move {
                        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
                        if let Err(error) = open_custom(store, &text, &file.name()) {
                            lessons.note(error);
                        }
                    });
                }
            }
            "url" => {
                let url = frame.get_untracked().and_then(|f| f.query_selector("#lesson-url").ok().flatten()).and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
                if url.trim().is_empty() {
                    lessons.note("Give the lesson file's URL first.".to_string());
                } else {
                    let encoded = String::from(js_sys::encode_uri_component(url.trim()));
                    let _ = window().location().set_hash(&format!("lesson-url={encoded}"));
                }
            }
            _ => {}
        }
    };
    view! {
        <section class="panel lesson" aria-labelledby="lesson-title">
            <div node_ref=frame inner_html=super::html(html) on:click=super::click(move |ev| act(ev.into())) on:change=move |ev| act(ev)></div>
        </section>
    }
}

fn reset(store: Store, lessons: Lessons) {
    let Some(start) = lessons.active_start() else { return };
    let confirmed = window().confirm_with_message("Start the lesson again from the beginning? What you did in it is lost.").unwrap_or(false);
    if confirmed && store.claim() {
        spawn_local(async move {
            match store.reset().await {
                Ok(()) => {
                    lessons.0.update(|s| (s.hints, s.solution) = (0, false));
                    run_start(store, start).await;
                }
                Err(error) => {
                    lessons.note(format!("The lesson could not be reset: {error}"));
                    store.release_claim().await;
                }
            }
        });
    }
}

/// Puts a link to this workspace (or the lesson with its progress) in the
/// clipboard, and on the page to copy by hand.
fn share(store: Store, lessons: Lessons) {
    spawn_local(async move {
        let lesson = lessons.active_id();
        let workspace = store.export();
        match link::fragment(&workspace, lesson.as_deref()).await {
            Ok(fragment) => {
                let location = window().location();
                let url = format!("{}{}{fragment}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
                if url.len() > MAX_LINK {
                    lessons.note(format!(
                        "This workspace is too large for a link ({} characters; a link holds up to {MAX_LINK}). Its file is downloading instead: open it with Import in another browser.",
                        url.len()
                    ));
                    download("release-lab-workspace.json", "application/json", &workspace);
                    return;
                }
                // Shown on the page either way; pages served over plain http
                // (not localhost) have no clipboard.
                let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok().filter(|c| !c.is_undefined());
                if let Some(clipboard) = clipboard {
                    let _ = wasm_bindgen_futures::JsFuture::from(clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&url)).await;
                }
                lessons.0.update(|s| s.link = Some(url));
            }
            Err(error) => lessons.note(format!("No link was made: {error}")),
        }
    });
}

/// Keeps a shared lab in this browser: the page opens the saved
/// workspace (or the lesson's) and imports the lab into it, once the user
/// agrees (see `open`).
fn keep() {
    let hash = window().location().hash().unwrap_or_default();
    let _ = window().location().set_hash(&format!("{}&keep", hash.trim_start_matches('#')));
}
