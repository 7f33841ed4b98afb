//! Add-ons: create from the catalogue, upgrade, attach, detach, destroy,
//! and the provider's credential rotation.

use super::choices::{Choice, Choices};
use super::{blocked, current_app, for_app, run_lines, running, use_store, form_note, off, why};
use crate::cli::compose;
use crate::engine::addons::{AddonState, CATALOGUE};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct AddonRow {
    name: String,
    service: String,
    plan: String,
    owner: String,
    state: AddonState,
    attachments: Vec<(String, String)>,
    plans: Vec<String>,
}

#[component]
pub fn Addons() -> impl IntoView {
    let store = use_store();
    let service = RwSignal::new(CATALOGUE[0].name.to_string());
    let plan = RwSignal::new(CATALOGUE[0].plans[0].name.to_string());
    let attach_as = RwSignal::new(String::new());
    let wait = RwSignal::new(false);
    let plans = move || {
        let chosen = service.get();
        CATALOGUE.iter().find(|s| s.name == chosen).map(|s| s.plans.iter().map(|p| Choice::plain(p.name)).collect::<Vec<_>>()).unwrap_or_default()
    };
    let rows = move || {
        let Some(app) = current_app(store) else { return Vec::new() };
        store.world.with(|w| {
            w.addons
                .iter()
                .filter(|a| a.app == app || a.attachments_on(&app).next().is_some())
                .map(|a| AddonRow {
                    name: a.name.clone(),
                    service: a.service.clone(),
                    plan: a.plan.clone(),
                    owner: a.app.clone(),
                    state: a.state,
                    attachments: a.attachments.iter().map(|t| (t.app.clone(), t.name.clone())).collect(),
                    plans: a.service().plans.iter().map(|p| p.name.to_string()).collect(),
                })
                .collect::<Vec<_>>()
        })
    };
    let other_apps = move || {
        let app = current_app(store);
        store.world.with(|w| w.apps.iter().filter(|a| Some(&a.name) != app.as_ref()).map(|a| Choice::plain(a.name.clone())).collect::<Vec<_>>())
    };
    let create_note = RwSignal::new(None);
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(app) = current_app(store) else { return };
        let spec = format!("{}:{}", service.get_untracked(), plan.get_untracked());
        let mut words = vec!["heroku".to_string(), "addons:create".to_string(), spec];
        let name = attach_as.get_untracked();
        if !name.trim().is_empty() {
            words.extend(["--as".to_string(), name.trim().to_string()]);
        }
        if wait.get_untracked() {
            words.push("--wait".to_string());
        }
        words.extend(["-a".to_string(), app]);
        run_lines(store, vec![compose::line(&words)], create_note);
        attach_as.set(String::new());
    };
    view! {
        <section class="panel" aria-labelledby="addons-title">
            <h2 id="addons-title">"Add-ons"</h2>
            <form on:submit=create>
                <label for="addon-service">"Service"</label>
                <select id="addon-service" prop:value=move || service.get() on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    let first = CATALOGUE.iter().find(|s| s.name == chosen).map(|s| s.plans[0].name.to_string()).unwrap_or_default();
                    service.set(chosen);
                    plan.set(first);
                }>
                    <Choices each=Signal::stored(CATALOGUE.iter().map(|s| Choice::plain(s.name)).collect::<Vec<_>>())/>
                </select>
                <label for="addon-plan">"Plan"</label>
                <select id="addon-plan" prop:value=move || plan.get() on:change=move |ev| plan.set(event_target_value(&ev))>
                    <Choices each=Signal::derive(plans)/>
                </select>
                <label for="addon-as">"Attach as (optional)"</label>
                <input id="addon-as" type="text" bind:value=attach_as placeholder="DATABASE"/>
                <label class="inline"><input type="checkbox" bind:checked=wait/>" Wait until provisioned"</label>
                <button type="submit" disabled=off(blocked, store) title=why(blocked, store)>"Create add-on"</button>
            </form>
            {form_note(create_note, "")}
            {move || rows().is_empty().then(|| view! { <p class="empty">"No add-ons on this app."</p> })}
            <ul class="addon-list">
                <For each=rows key=|r| (r.name.clone(), r.plan.clone(), r.attachments.clone(), r.state == AddonState::Provisioned) let:row>
                    <AddonItem row=row other_apps=Signal::derive(other_apps)/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn AddonItem(row: AddonRow, other_apps: Signal<Vec<Choice>>) -> impl IntoView {
    let store = use_store();
    let new_plan = RwSignal::new(row.plan.clone());
    let attach_to = RwSignal::new(String::new());
    let attach_name = RwSignal::new(String::new());
    let name = row.name.clone();
    let owner = row.owner.clone();
    let note = RwSignal::new(None);
    let state = if row.state == AddonState::Provisioned { "created" } else { "creating…" };
    let upgrade = {
        let name = name.clone();
        move |_| {
            let Some(app) = current_app(store) else { return };
            run_lines(store, vec![for_app(&app, &["heroku", "addons:upgrade", &name, &new_plan.get_untracked()])], note);
        }
    };
    let attach = {
        let name = name.clone();
        move |_| {
            let target = attach_to.get_untracked();
            let Some(app) = current_app(store) else { return };
            let target = if target.is_empty() { app } else { target };
            let alias = attach_name.get_untracked();
            let mut words = vec!["heroku", "addons:attach", name.as_str()];
            if !alias.trim().is_empty() {
                words.extend(["--as", alias.trim()]);
            }
            run_lines(store, vec![for_app(&target, &words)], note);
        }
    };
    let destroy = {
        let (name, owner) = (name.clone(), owner.clone());
        move |_| run_lines(store, vec![for_app(&owner, &["heroku", "addons:destroy", &name, "--confirm", &owner])], note)
    };
    let rotate = {
        let name = name.clone();
        move |_| run_lines(store, vec![compose::line(["sim", "addon-update", name.as_str()])], note)
    };
    let plan_id = format!("plan-{}", row.name);
    let attach_id = format!("attach-{}", row.name);
    let alias_id = format!("alias-{}", row.name);
    view! {
        <li class="addon">
            <p><strong>{row.service.clone()}</strong>" "<code>{row.name.clone()}</code>" · "{row.plan.clone()}" · "{state}" · billed to "{row.owner.clone()}</p>
            <ul class="attachments">
                {row.attachments.iter().cloned().map(|(app, attachment)| {
                    let label = format!("as {attachment} on {app} ");
                    let button = format!("Detach {attachment}");
                    let detach = move |_| run_lines(store, vec![for_app(&app, &["heroku", "addons:detach", &attachment])], note);
                    view! {
                        <li>{label}<button on:click=detach disabled=off(running, store) title=why(running, store)>{button}</button></li>
                    }
                }).collect_view()}
            </ul>
            <div class="row">
                <label for=plan_id.clone()>"Plan"</label>
                <select id=plan_id bind:value=new_plan>
                    <Choices each=Signal::stored(row.plans.iter().cloned().map(Choice::plain).collect::<Vec<_>>())/>
                </select>
                <button on:click=upgrade disabled=off(running, store) title=why(running, store)>"Change plan"</button>
            </div>
            <div class="row">
                <label for=attach_id.clone()>"Attach to"</label>
                <select id=attach_id bind:value=attach_to>
                    <option value="">"this app"</option>
                    <Choices each=other_apps/>
                </select>
                <label for=alias_id.clone()>"as"</label>
                <input id=alias_id type="text" bind:value=attach_name placeholder="optional name"/>
                <button on:click=attach disabled=off(running, store) title=why(running, store)>"Attach"</button>
            </div>
            <div class="row">
                <button on:click=rotate disabled=off(running, store) title=why(running, store)>"Rotate credentials, as the provider does"</button>
                <button class="danger" on:click=destroy disabled=off(running, store) title=why(running, store)>{format!("Destroy {}", row.name)}</button>
            </div>
            {form_note(note, "")}
        </li>
    }
}
