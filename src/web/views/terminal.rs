//! The terminal: type any command the engine knows and see exactly what
//! `release-lab script` prints. The forms' commands land in the same log,
//! in time order, because every line, typed or clicked, runs through
//! `Store::run` and is kept in the workspace's log.

use super::notices::download;
use super::use_store;
use crate::cli::complete::{complete, CLEAR};
use crate::cli::{Output, Stream};
use crate::script;
use crate::session::{REDO, UNDO};
use crate::transcript;
use crate::web::store::Store;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use crate::markup::Markup;
use leptos::task::spawn_local;
use std::collections::VecDeque;
use wasm_bindgen::JsCast;

/// The terminal's lines waiting to run, one at a time and in order,
/// whether typed, pasted or clicked (Undo, Redo): a second Enter never
/// races the first, and `clear` clears after the lines before it.
#[derive(Clone, Copy)]
struct Queue {
    lines: StoredValue<VecDeque<String>, LocalStorage>,
    running: StoredValue<bool, LocalStorage>,
}

impl Queue {
    fn new() -> Queue {
        Queue { lines: StoredValue::new_local(VecDeque::new()), running: StoredValue::new_local(false) }
    }

    /// Queues the commands of `text` as a script reads them: trimmed, with
    /// blank lines and `#` comments skipped.
    fn push_script(&self, store: Store, text: &str) {
        self.push(store, script::commands(text).map(str::to_string));
    }

    fn push(&self, store: Store, lines: impl IntoIterator<Item = String>) {
        self.lines.update_value(|queue| queue.extend(lines));
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        let queue = *self;
        spawn_local(async move {
            while let Some(line) = queue.lines.try_update_value(VecDeque::pop_front).flatten() {
                // `clear` is the terminal's own; everything else is a command.
                if line == CLEAR {
                    store.clear_terminal();
                } else {
                    store.run(line).await;
                }
            }
            queue.running.set_value(false);
        });
    }
}

/// The input's text before and after the caret (or the selection), split
/// where the browser's UTF-16 offsets say.
fn split_at_caret(field: &web_sys::HtmlInputElement) -> (String, String) {
    let utf16: Vec<u16> = field.value().encode_utf16().collect();
    let (start, end) = match (field.selection_start(), field.selection_end()) {
        (Ok(Some(start)), Ok(Some(end))) => ((start as usize).min(utf16.len()), (end as usize).min(utf16.len())),
        _ => (utf16.len(), utf16.len()),
    };
    (String::from_utf16_lossy(&utf16[..start]), String::from_utf16_lossy(&utf16[end.max(start)..]))
}

/// An output's lines as runs of one stream each, every line ending in a
/// newline: one text node per run keeps a long session's DOM small.
fn runs(output: &Output) -> Vec<(Stream, String)> {
    let mut runs: Vec<(Stream, String)> = Vec::new();
    for line in &output.lines {
        match runs.last_mut() {
            Some((stream, text)) if *stream == line.stream => text.push_str(&line.text),
            _ => runs.push((line.stream, line.text.clone())),
        }
        if let Some((_, text)) = runs.last_mut() {
            text.push('\n');
        }
    }
    runs
}

/// A line and its output: `$ line`, then runs of stdout and stderr.
fn entry_html(line: &str, output: &Output) -> String {
    let mut out = Markup::new();
    out.s(r#"<span class="command">$ "#).t(line).s("\n</span>");
    for (stream, text) in runs(output) {
        out.el(if stream == Stream::Stderr { r#"span class="stderr""# } else { r#"span class="stdout""# }, &text);
    }
    out.0
}

#[component]
pub fn Terminal() -> impl IntoView {
    let store = use_store();
    let queue = Queue::new();
    let input = RwSignal::new(String::new());
    let candidates = RwSignal::new(Vec::<String>::new());
    let status = RwSignal::new(String::new());
    // ↑/↓: how far back in the log's lines, and the line being typed
    // before the first ↑.
    let back = StoredValue::new(None::<usize>);
    let draft = StoredValue::new(String::new());
    let log_ref = NodeRef::<html::Div>::new();
    let input_ref = NodeRef::<html::Input>::new();

    // Keep the newest output in view. In the next frame, not at once: read
    // now, the height forces a layout of the whole page on every command.
    Effect::new(move |_| {
        store.terminal.with(|_| ());
        if let Some(log) = log_ref.get() {
            request_animation_frame(move || log.set_scroll_top(log.scroll_height()));
        }
    });

    // `/` from anywhere focuses the terminal: index.html's script does it.

    // A host page and the presenter run lines here, as if typed.
    let bridge = wasm_bindgen::closure::Closure::<dyn Fn(String)>::new(move |line: String| queue.push_script(store, &line));
    crate::web::link::connect(&bridge);
    // The page lives as long as the terminal does.
    bridge.forget();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = input.get_untracked();
        input.set(String::new());
        candidates.set(Vec::new());
        back.set_value(None);
        queue.push_script(store, &text);
    };

    let on_key = move |ev: KeyboardEvent| {
        // Ctrl alone: on a Mac, Cmd+L and Cmd+C belong to the browser.
        let ctrl = ev.ctrl_key() && !ev.meta_key();
        match ev.key().as_str() {
            "ArrowUp" | "ArrowDown" => {
                ev.prevent_default();
                let up = ev.key() == "ArrowUp";
                let next = match (back.get_value(), up) {
                    (None, true) => Some(0),
                    (None, false) => return,
                    (Some(n), true) => Some(n + 1),
                    (Some(0), false) => None,
                    (Some(n), false) => Some(n - 1),
                };
                match next {
                    None => {
                        back.set_value(None);
                        input.set(draft.get_value());
                    }
                    Some(n) => {
                        let Some(line) = store.recent_line(n) else { return };
                        if back.get_value().is_none() {
                            draft.set_value(input.get_untracked());
                        }
                        back.set_value(Some(n));
                        input.set(line);
                    }
                }
            }
            "Tab" if !ev.shift_key() && !input.get_untracked().is_empty() => {
                ev.prevent_default();
                let Some(field) = input_ref.get_untracked() else { return };
                // Complete what is before the caret; what follows it stays.
                let (before, after) = split_at_caret(&field);
                let completion = store.world.with_untracked(|world| complete(world, &before));
                // A completed word's space is already there when more follows.
                let completed = match completion.line.strip_suffix(' ') {
                    Some(word) if after.starts_with(' ') => word.to_string(),
                    _ => completion.line,
                };
                let caret = completed.encode_utf16().count() as u32;
                input.set(format!("{completed}{after}"));
                field.set_value(&format!("{completed}{after}"));
                let _ = field.set_selection_range(caret, caret);
                candidates.set(completion.candidates);
            }
            "l" | "L" if ctrl => {
                ev.prevent_default();
                store.clear_terminal();
                candidates.set(Vec::new());
            }
            "c" | "C" if ctrl => {
                // Copy still copies a selection; with none, the line is abandoned.
                let selected = input_ref.get_untracked().is_some_and(|field| {
                    matches!((field.selection_start(), field.selection_end()), (Ok(Some(a)), Ok(Some(b))) if a != b)
                });
                if !selected {
                    ev.prevent_default();
                    input.set(String::new());
                    candidates.set(Vec::new());
                    back.set_value(None);
                }
            }
            _ => {}
        }
    };

    // Pasting several lines runs the complete ones in order, as a script
    // would; a last line without a newline stays in the input, unsent.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(pasted) = ev.clipboard_data().and_then(|data| data.get_data("text").ok()) else { return };
        if !pasted.contains('\n') {
            return;
        }
        ev.prevent_default();
        let Some(field) = input_ref.get_untracked() else { return };
        let (before, after) = split_at_caret(&field);
        let text = format!("{before}{pasted}{after}").replace("\r\n", "\n");
        let (complete_lines, rest) = text.rsplit_once('\n').unwrap_or(("", &text));
        queue.push_script(store, complete_lines);
        input.set(rest.to_string());
        candidates.set(Vec::new());
        back.set_value(None);
    };

    // The whole session replayed, or why it cannot be.
    let session = move || {
        let session = store.session();
        if let Err(error) = &session {
            status.set(format!("The transcript could not be made: {error}"));
        }
        session.ok()
    };
    let markdown = move |session: &[(String, Output)]| transcript::markdown(&transcript::text(session.iter().map(|(l, o)| (l.as_str(), o))));
    let copy = move || {
        let Some(session) = session() else { return };
        let markdown = markdown(&session);
        // Pages served over plain http (not localhost) have no clipboard.
        let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok().filter(|c| !c.is_undefined());
        let Some(clipboard) = clipboard else {
            status.set("This page has no clipboard access; use Download transcript instead.".to_string());
            return;
        };
        let promise = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(&markdown);
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => status.set("Transcript copied as Markdown.".to_string()),
                Err(_) => status.set("The browser refused to copy; use Download transcript instead.".to_string()),
            }
        });
    };
    let download_markdown = move || {
        let Some(session) = session() else { return };
        download("release-lab-transcript.md", "text/markdown", &markdown(&session));
    };
    let download_cast = move || {
        let Some(session) = session() else { return };
        download("release-lab-session.cast", "application/x-asciicast", &transcript::asciicast("Release Lab", session.iter().map(|(l, o)| (l.as_str(), o))));
    };
    let can_undo = move || store.history.with(|h| !h.events.is_empty());
    let can_redo = move || store.history.with(|h| !h.undone.is_empty());
    let tools = move || {
        let button = |tool: &str, on: bool, title: &str, text: &str| {
            format!(r#"<button data-tool="{tool}"{} title="{title}">{text}</button>"#, if on { "" } else { " disabled" })
        };
        [
            button("undo", can_undo(), if can_undo() { "Take back the last action (sim undo)" } else { "Nothing to undo yet" }, "Undo"),
            button("redo", can_redo(), if can_redo() { "Bring back what undo took (sim redo)" } else { "Nothing to redo" }, "Redo"),
            r#"<button data-tool="clear">Clear</button><button data-tool="copy">Copy transcript</button><button data-tool="markdown">Download transcript</button><button data-tool="cast">Download asciicast</button>"#.to_string(),
        ]
        .concat()
    };
    let hidden = move || {
        let shown = store.terminal.with(Vec::len) + store.cleared_through() as usize;
        if store.line_count() > shown { r#"<p class="terminal-note">Older lines are not shown here; the transcript downloads hold them all.</p>"# } else { "" }
    };

    view! {
        <section class="panel terminal" aria-labelledby="terminal-title">
            <h2 id="terminal-title">"Terminal"</h2>
            // The tools as one string with one click handler (`data-tool`): see `crate::markup`.
            <div class="row terminal-tools" inner_html=super::html(tools) on:click=super::click(move |ev| {
                match super::clicked(&ev, "[data-tool]").and_then(|e| e.get_attribute("data-tool")).as_deref() {
                    Some("undo") => queue.push(store, [UNDO.to_string()]),
                    Some("redo") => queue.push(store, [REDO.to_string()]),
                    Some("clear") => store.clear_terminal(),
                    Some("copy") => copy(),
                    Some("markdown") => download_markdown(),
                    Some("cast") => download_cast(),
                    _ => {}
                }
            })></div>
            <div inner_html=super::html(move || hidden().to_string())></div>
            <div class="terminal-log" role="log" aria-label="Terminal" tabindex="0" node_ref=log_ref>
                <pre class="terminal-text">
                    <For each=move || store.terminal.get() key=|entry| entry.id let:entry>
                        // An entry never changes once shown: one string (see `crate::markup`).
                        <span class="entry" class:failed=!entry.output.ok inner_html=entry_html(&entry.line, &entry.output)></span>
                    </For>
                </pre>
            </div>
            <p class="terminal-candidates" aria-live="polite">{move || candidates.get().join("  ")}</p>
            <form class="terminal-input" on:submit=submit autocomplete="off">
                <span class="prompt" aria-hidden="true">"$"</span>
                <label for="terminal-command" class="visually-hidden">"Command"</label>
                <input id="terminal-command" type="text" node_ref=input_ref bind:value=input on:keydown=on_key on:paste=on_paste
                    autocomplete="off" autocapitalize="off" spellcheck="false" placeholder="heroku releases"
                    aria-describedby="terminal-keys"/>
            </form>
            <p id="terminal-keys" class="hint">"Enter runs · Tab completes · ↑↓ history · Ctrl+L clears · / focuses from anywhere"</p>
            <p class="hint" role="status">{move || status.get()}</p>
        </section>
    }
}
