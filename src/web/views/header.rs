//! The app bar: choose or create an app, pick a theme, see where work is saved.

use super::choices::{Choice, Choices};
use super::{current_app, running, use_store, off, why};
use crate::cli::compose;
use crate::web::store::Persistence;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let generation = RwSignal::new("cedar".to_string());
    let apps = move || {
        store.world.with(|w| {
            if w.apps.is_empty() {
                vec![Choice::new("", "No apps yet")]
            } else {
                w.apps.iter().map(|a| Choice::new(a.name.clone(), format!("{} ({})", a.name, a.generation.name()))).collect()
            }
        })
    };
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = name.get_untracked().trim().to_string();
        let mut words = vec!["heroku".to_string(), "create".to_string()];
        if !chosen.is_empty() {
            words.push(chosen.clone());
        }
        words.push("--generation".into());
        words.push(generation.get_untracked());
        let line = compose::line(&words);
        if !store.claim() {
            return;
        }
        leptos::task::spawn_local(async move {
            let output = store.run(line).await;
            if output.ok {
                store.save_prefs(|p| p.selected_app = output.effect.app);
                name.set(String::new());
            }
        });
    };
    let saved = move || match store.persistence.get() {
        Persistence::Loading => "Loading…".to_string(),
        Persistence::Saved => "Saved in this browser".to_string(),
        Persistence::MemoryOnly(_) => "Not saved: working in memory".to_string(),
        Persistence::Memory => "In memory: this page saves nothing".to_string(),
        Persistence::Unreadable(_) => "Saved data unreadable: working in memory".to_string(),
    };
    view! {
        <header class="app-bar">
            <h1>"Release Lab"</h1>
            <div class="app-picker">
                <label for="app-select">"App"</label>
                <select
                    id="app-select"
                    prop:value=move || current_app(store).unwrap_or_default()
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        store.save_prefs(|p| p.selected_app = Some(chosen));
                    }
                >
                    <Choices each=Signal::derive(apps)/>
                </select>
            </div>
            <form class="create-app" on:submit=create aria-label="Create an app">
                <label for="new-app-name">"New app"</label>
                <input id="new-app-name" type="text" placeholder="name (optional)" autocomplete="off" bind:value=name/>
                <label for="new-app-generation" class="visually-hidden">"Generation"</label>
                <select id="new-app-generation" bind:value=generation>
                    <option value="cedar">"Cedar: code built into a slug"</option>
                    <option value="fir">"Fir: code built into a container image"</option>
                </select>
                <button type="submit" disabled=off(running, store) title=why(running, store)>"Create app"</button>
            </form>
            <div class="theme-picker">
                <label for="theme-select">"Theme"</label>
                <select
                    id="theme-select"
                    prop:value=move || store.prefs.with(|p| p.theme.clone())
                    on:change=move |ev| {
                        let theme = event_target_value(&ev);
                        store.save_prefs(|p| p.theme = theme);
                    }
                >
                    <option value="system">"System"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </div>
            <p class="saved-state" role="status">{saved}</p>
        </header>
    }
}
