//! Deploy: commit and push, revert and push, and the switches that make
//! the next build or release phase fail.

use super::choices::{Choice, Choices};
use super::{blocked, current_app, for_app, form_note, run_lines, use_store, off, why};
use leptos::ev::SubmitEvent;
use crate::cli::effect::ErrorKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Deploy() -> impl IntoView {
    let store = use_store();
    let message = RwSignal::new(String::new());
    let revert = RwSignal::new(String::new());
    let phase = RwSignal::new(String::new());
    let commits = move || {
        let Some(app) = current_app(store) else { return Vec::new() };
        store.world.with(|w| {
            w.app(&app)
                .ok()
                .and_then(|a| a.repo.head.map(|h| a.repo.history(h).take(30).map(|c| Choice::new(c.sha.clone(), format!("{} {}", c.short(), c.subject()))).collect()))
                .unwrap_or_default()
        })
    };
    let release_command = move || current_app(store).and_then(|a| store.world.with(|w| w.app(&a).ok().and_then(|a| a.repo.procfile_release.clone().or_else(|| a.release_command.clone()))));
    // Why the last deploy did not happen, shown beside the form: a failed
    // build must be seen without reading the terminal.
    let note = RwSignal::new(None::<String>);
    let commit_and_push = move |lines: Vec<String>| {
        if !store.claim() {
            return;
        }
        note.set(None);
        spawn_local(async move {
            for line in lines {
                let Some(failure) = store.run(line).await.effect.failure else { continue };
                note.set(Some(match failure.kind {
                    ErrorKind::BuildFailed => "The build failed, so no release was made; the terminal shows the build log.".to_string(),
                    _ => format!("Not deployed: {}", failure.message.replace('\n', " ")),
                }));
                return;
            }
        });
    };
    let deploy = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(app), text) = (current_app(store), message.get_untracked()) else { return };
        if text.trim().is_empty() {
            note.set(Some("Write a commit message first: it names the deploy.".to_string()));
            return;
        }
        commit_and_push(vec![for_app(&app, &["git", "commit", "-m", text.trim()]), for_app(&app, &["git", "push", "heroku", "main"])]);
        message.set(String::new());
    };
    let do_revert = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(app), sha) = (current_app(store), revert.get_untracked()) else { return };
        if sha.is_empty() {
            note.set(Some("Choose the commit to revert first.".to_string()));
            return;
        }
        commit_and_push(vec![for_app(&app, &["git", "revert", &sha]), for_app(&app, &["git", "push", "heroku", "main"])]);
    };
    let fail = move |ev: leptos::ev::MouseEvent| {
        let what = super::clicked(&ev, "[data-fail]").and_then(|e| e.get_attribute("data-fail"));
        if let (Some(app), Some(what)) = (current_app(store), what) {
            run_lines(store, vec![for_app(&app, &["sim", "fail", &what])], note);
        }
    };
    let set_phase = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(app) = current_app(store) else { return };
        let command = phase.get_untracked();
        let words = if command.trim().is_empty() { vec!["sim", "release-phase", "off"] } else { vec!["sim", "release-phase", command.trim()] };
        run_lines(store, vec![for_app(&app, &words)], note);
    };
    let no_app = move || blocked(store);
    let no_phase = move || no_app().or_else(|| release_command().is_none().then_some("Set a release command first: there is no release phase to fail."));
    view! {
        <section class="panel" aria-labelledby="deploy-title">
            <h2 id="deploy-title">"Deploy"</h2>
            <form on:submit=deploy>
                <label for="commit-message">"Commit message"</label>
                <input id="commit-message" type="text" required bind:value=message placeholder="Fix the login page"/>
                <button type="submit" disabled=off(blocked, store) title=why(blocked, store)>"Commit and push"</button>
            </form>
            {form_note(note, "")}
            <form on:submit=do_revert>
                <label for="revert-commit">"Revert a commit"</label>
                <select id="revert-commit" bind:value=revert>
                    <option value="">"Choose a commit"</option>
                    <Choices each=Signal::derive(commits)/>
                </select>
                <button type="submit" disabled=off(blocked, store) title=why(blocked, store)>"Revert and push"</button>
            </form>
            <form on:submit=set_phase>
                <label for="release-phase">"Release command in the Procfile (empty for none)"</label>
                <input id="release-phase" type="text" bind:value=phase placeholder=move || release_command().unwrap_or_else(|| "rake db:migrate".into())/>
                <button type="submit" disabled=off(blocked, store) title=why(blocked, store)>"Set in Procfile"</button>
            </form>
            // Both buttons as one string with one click handler (`data-fail`): see `crate::markup`.
            <div class="row" inner_html=super::html(move || {
                let mut out = crate::markup::Markup::new();
                for (what, reason, label) in [("next-build", no_app(), "Make the next build fail"), ("next-release", no_phase(), "Make the next release phase fail")] {
                    out.s(r#"<button data-fail=""#).s(what).s("\"").off(reason);
                    out.s(">").s(label).s("</button>");
                }
                out.0
            }) on:click=super::click(fail)></div>
        </section>
    }
}
