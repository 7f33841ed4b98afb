//! Add-ons: create from the catalogue, upgrade, attach, detach, destroy,
//! and the provider's credential rotation.

use super::choices::{Choice, Choices};
use super::{blocked, current_app, for_app, html, run_lines, use_store, form_note, off, why};
use crate::cli::compose;
use crate::engine::addons::{AddonState, CATALOGUE};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use crate::engine::World;
use crate::markup::Markup;
use wasm_bindgen::JsCast;

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
    // The add-ons of the current app as one string, with one click handler
    // (`data-act` on the buttons, the row's add-on on its `<li>`): each
    // row's controls as Leptos views cost the wasm 8 kB more.
    let note = RwSignal::new(None);
    let list = move || {
        let Some(app) = current_app(store) else { return String::new() };
        // Not `running`: redrawn when a command starts, the list would lose
        // what is typed in it; a click while one runs is ignored (`Store::claim`).
        store.world.with(|w| addon_rows(w, &app))
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = super::clicked(&ev, "button[data-act]") else { return };
        let Some(row) = button.closest("li.addon").ok().flatten() else { return };
        let attribute = |element: &web_sys::Element, name: &str| element.get_attribute(name).unwrap_or_default();
        let value = |selector: &str| {
            row.query_selector(selector).ok().flatten().map(|field| match field.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(select) => select.value(),
                None => field.dyn_ref::<web_sys::HtmlInputElement>().map(|input| input.value()).unwrap_or_default(),
            })
        };
        let (name, owner) = (attribute(&row, "data-addon"), attribute(&row, "data-owner"));
        let Some(app) = current_app(store) else { return };
        let line = match attribute(&button, "data-act").as_str() {
            "detach" => for_app(&attribute(&button, "data-app"), &["heroku", "addons:detach", &attribute(&button, "data-attachment")]),
            "upgrade" => for_app(&app, &["heroku", "addons:upgrade", &name, &value("select.plan").unwrap_or_default()]),
            "attach" => {
                let target = value("select.attach-to").filter(|t| !t.is_empty()).unwrap_or(app);
                let alias = value("input.alias").unwrap_or_default();
                let mut words = vec!["heroku", "addons:attach", name.as_str()];
                if !alias.trim().is_empty() {
                    words.extend(["--as", alias.trim()]);
                }
                for_app(&target, &words)
            }
            "rotate" => compose::line(["sim", "addon-update", name.as_str()]),
            "destroy" => for_app(&owner, &["heroku", "addons:destroy", &name, "--confirm", &owner]),
            _ => return,
        };
        run_lines(store, vec![line], note);
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
            <div inner_html=html(list) on:click=super::click(act)></div>
            {form_note(note, "")}
        </section>
    }
}

/// The add-ons on `app` (its own and those attached to it), each with
/// its attachments and controls. Every button names its add-on, so the
/// focus finds the same button when the list is drawn anew (`views::click`).
fn addon_rows(world: &World, app: &str) -> String {
    let mut out = Markup::new();
    let addons: Vec<_> = world.addons.iter().filter(|a| a.app == app || a.attachments_on(app).next().is_some()).collect();
    if addons.is_empty() {
        out.s(r#"<p class="empty">No add-ons on this app.</p>"#);
        return out.0;
    }
    let button = |out: &mut Markup, addon: &str, attributes: &str, text: &str| {
        out.s("<button ").s(attributes).s(r#" data-addon=""#).t(addon).s(r#"">"#).t(text).s("</button>");
    };
    out.s(r#"<ul class="addon-list">"#);
    for addon in addons {
        let name = &addon.name;
        let state = if addon.state == AddonState::Provisioned { "created" } else { "creating…" };
        out.s(r#"<li class="addon" data-addon=""#).t(name).s(r#"" data-owner=""#).t(&addon.app).s(r#""><p>"#);
        out.el("strong", &addon.service).s(" ").el("code", name).s(" · ").t(&addon.plan).s(" · ").s(state).s(" · billed to ").t(&addon.app).s("</p>");
        out.s(r#"<ul class="attachments">"#);
        for attachment in &addon.attachments {
            out.s("<li>as ").t(&attachment.name).s(" on ").t(&attachment.app).s(" ");
            let mut attributes = Markup::new();
            attributes.s(r#"data-act="detach" data-app=""#).t(&attachment.app).s(r#"" data-attachment=""#).t(&attachment.name).s(r#"""#);
            button(&mut out, name, &attributes.0, &format!("Detach {}", attachment.name));
            out.s("</li>");
        }
        out.s(r#"</ul><div class="row"><label for="plan-"#).t(name).s(r#"">Plan</label><select class="plan" id="plan-"#).t(name).s(r#"">"#);
        for plan in addon.service().plans {
            out.s("<option").s(if plan.name == addon.plan { " selected" } else { "" }).s(">").t(plan.name).s("</option>");
        }
        out.s("</select>");
        button(&mut out, name, r#"data-act="upgrade""#, "Change plan");
        out.s(r#"</div><div class="row"><label for="attach-"#).t(name).s(r#"">Attach to</label><select class="attach-to" id="attach-"#).t(name).s(r#""><option value="">this app</option>"#);
        for other in world.apps.iter().filter(|a| a.name != app) {
            out.el("option", &other.name);
        }
        out.s(r#"</select><label for="alias-"#).t(name).s(r#"">as</label><input class="alias" id="alias-"#).t(name).s(r#"" type="text" placeholder="optional name">"#);
        button(&mut out, name, r#"data-act="attach""#, "Attach");
        out.s(r#"</div><div class="row">"#);
        button(&mut out, name, r#"data-act="rotate""#, "Rotate credentials, as the provider does");
        button(&mut out, name, r#"class="danger" data-act="destroy""#, &format!("Destroy {name}"));
        out.s("</div></li>");
    }
    out.s("</ul>");
    out.0
}
