//! The release history, newest first, a page at a time so that 10,000
//! releases stay smooth.

use super::{current_app, for_app, run_lines, use_store, form_note, SelectedRelease};
use crate::engine::release::Status;
use leptos::prelude::*;
use crate::markup::Markup;

#[derive(Clone, PartialEq)]
struct Row {
    version: u32,
    description: String,
    user: String,
    when: String,
    status: Status,
    current: bool,
    /// Heroku's dashboard offers a rollback on every release it could go back to.
    can_roll_back: bool,
}

/// A text cell of release `version`'s row, read afresh when the rows
/// change and updated in place. One function for every cell: each distinct
/// closure type would add its own copy of the rendering code to the wasm.
fn cell(rows: Memo<Vec<Row>>, version: u32, read: fn(&Row) -> String) -> impl Fn() -> String + Copy {
    move || rows.with(|rows| rows.iter().find(|row| row.version == version).map(read).unwrap_or_default())
}

/// What a first-time user reads before anything exists.
const INTRO: &str = concat!(
    r#"<div class="intro"><p>Release Lab simulates Heroku's release system, offline: every deploy, config change and add-on change makes a numbered release (v1, v2, …) that you can inspect and roll back to. Nothing here reaches Heroku.</p>"#,
    r#"<p>Three things to try, or a guided lesson from the Lessons list:</p><ol>"#,
    r#"<li>Create an app: “Create app” at the top, or type <code>heroku create</code> in the terminal.</li>"#,
    r#"<li>Deploy: write a commit message and press “Commit and push” (<code>git commit -m "First"</code>, then <code>git push heroku main</code>).</li>"#,
    r#"<li>Set a config var, then roll back (<code>heroku rollback</code>) and see what comes back and what does not.</li></ol></div>"#,
);

#[component]
pub fn History() -> impl IntoView {
    let store = use_store();
    let SelectedRelease(selected) = expect_context::<SelectedRelease>();
    let page = RwSignal::new(0usize);
    // Why a row's "Roll back" was refused (another tab may have changed the app).
    let note = RwSignal::new(None);
    let total = move || {
        let app = current_app(store);
        store.world.with(|w| app.and_then(|a| w.app(&a).ok().map(|a| a.releases.len())).unwrap_or(0))
    };
    let page_size = move || store.prefs.with(|p| p.page_size.max(5));
    let pages = move || total().div_ceil(page_size()).max(1);
    let rows = Memo::new(move |_| {
        let Some(app) = current_app(store) else { return Vec::new() };
        let (size, page) = (page_size(), page.get().min(pages() - 1));
        store.world.with(|world| {
            let Ok(app) = world.app(&app) else { return Vec::new() };
            app.releases
                .iter()
                .rev()
                .skip(page * size)
                .take(size)
                .map(|r| Row {
                    version: r.version,
                    description: r.change.description(world.style),
                    user: r.user.clone(),
                    // The page's one date format (the terminal keeps the
                    // CLI's); the time zone is the clock's, named in the heading.
                    when: world.clock.local_stamp(r.created_at, '-'),
                    status: r.status,
                    current: app.current == Some(r.version),
                    can_roll_back: r.eligible_for_rollback() && app.current != Some(r.version),
                })
                .collect::<Vec<_>>()
        })
    });
    let versions = move || rows.with(|rows| rows.iter().map(|row| row.version).collect::<Vec<_>>());
    view! {
        <section class="panel history" aria-labelledby="history-title">
            <h2 id="history-title">"Release history"</h2>
            // Static words, shown while the app has no releases: a string costs the wasm less.
            <div inner_html=super::html(move || if total() == 0 { INTRO.to_string() } else { String::new() })></div>
            <table class="releases">
                <caption class="visually-hidden">"Releases, newest first; choose one to see its details"</caption>
                <thead>
                    <tr><th scope="col">"Version"</th><th scope="col">"Change"</th><th scope="col">"By"</th><th scope="col">{move || store.world.with(|w| format!("When ({})", crate::engine::time::format_offset(w.clock.offset_secs)))}</th><th scope="col">"Status"</th></tr>
                </thead>
                // One click handler for every row's buttons: `data-version`
                // shows a release's details, `data-rollback` rolls back to it.
                <tbody on:click=super::click(move |ev| {
                    let number = |name: &str| super::clicked(&ev, &format!("[{name}]")).and_then(|e| e.get_attribute(name)).and_then(|v| v.parse::<u32>().ok());
                    if let Some(version) = number("data-rollback") {
                        if let Some(app) = current_app(store) {
                            run_lines(store, vec![for_app(&app, &["heroku", "rollback", &format!("v{version}")])], note);
                        }
                    } else if let Some(version) = number("data-version") {
                        selected.set(Some(version));
                    }
                })>
                    // Keyed by version alone: a row stays drawn while it is on
                    // the page, and what changes in it (status, current, its
                    // rollback button) is updated in place.
                    <For each=versions key=|version| *version let:version>
                        {
                            // Each part reads its row afresh; what it draws is updated in place.
                            let flag = move |part: fn(&Row) -> bool| rows.with(|rows| rows.iter().find(|row| row.version == version).is_some_and(part));
                            let status_cell = move || rows.with(|rows| {
                                let mut out = Markup::new();
                                if let Some(row) = rows.iter().find(|row| row.version == version) {
                                    super::details::status_badge(&mut out, row.status);
                                    if row.can_roll_back {
                                        // Not `running`: redrawn when any command starts, the
                                        // button would lose the focus; a click while one runs is
                                        // ignored (`Store::claim`).
                                        out.s(r#" <button class="small" data-rollback=""#).n(version as i64).s(r#"" aria-label="Roll back to v"#).n(version as i64).s(r#"">Roll back</button>"#);
                                    }
                                }
                                out.0
                            });
                            view! {
                                <tr class:current=move || flag(|row| row.current) class:selected=move || selected.get() == Some(version)>
                                    // The version's button and the current marker as one string.
                                    <td inner_html=super::html(move || {
                                        let mut out = Markup::new();
                                        out.s(r#"<button class="link" data-version=""#).n(version as i64).s(r#"" aria-label="Show details of v"#).n(version as i64).s(r#"">v"#).n(version as i64).s("</button>");
                                        if flag(|row| row.current) {
                                            out.s(r#"<span class="current-marker"> ● current</span>"#);
                                        }
                                        out.0
                                    })></td>
                                    <td>{cell(rows, version, |row| row.description.clone())}</td>
                                    <td>{cell(rows, version, |row| row.user.clone())}</td>
                                    <td class="when">{cell(rows, version, |row| row.when.clone())}</td>
                                    // Status and the rollback button as one string (see `crate::markup`).
                                    <td inner_html=super::html(status_cell)></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {form_note(note, "")}
            <nav class="pager" aria-label="History pages">
                // Newer, the page and Older as one string with one click handler: see `crate::markup`.
                <div class="pages" inner_html=super::html(move || {
                    let (now, all) = (page.get().min(pages() - 1), pages());
                    let newer = if now == 0 { r#" disabled title="This is the newest page.""# } else { "" };
                    let older = if now + 1 >= all { r#" disabled title="There are no older releases.""# } else { "" };
                    format!(r#"<button data-repeatable data-page="-1"{newer}>Newer</button><span>Page {} of {all} ({} releases)</span><button data-repeatable data-page="1"{older}>Older</button>"#, now + 1, total())
                }) on:click=super::click(move |ev| {
                    match super::clicked(&ev, "[data-page]").and_then(|e| e.get_attribute("data-page")).as_deref() {
                        Some("-1") => page.update(|p| *p = p.saturating_sub(1)),
                        Some("1") => page.update(|p| *p = (*p + 1).min(pages() - 1)),
                        _ => {}
                    }
                })></div>
                <label for="page-size">"Per page"</label>
                <select id="page-size" prop:value=move || page_size().to_string() on:change=move |ev| {
                    let size = event_target_value(&ev).parse().unwrap_or(25);
                    store.save_prefs(|p| p.page_size = size);
                    page.set(0);
                }>
                    <option value="10">"10"</option>
                    <option value="25">"25"</option>
                    <option value="50">"50"</option>
                    <option value="100">"100"</option>
                </select>
            </nav>
        </section>
    }
}
