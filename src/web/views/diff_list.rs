//! A release diff as a definition list: one term per aspect (code, config
//! vars, add-on plans, status), its lines beneath. Shared by the details
//! and the rollback preview.

use leptos::prelude::*;

#[component]
pub fn DiffList(rows: Vec<(&'static str, Vec<String>)>) -> impl IntoView {
    view! {
        <dl class="diff">
            {rows.into_iter().map(|(aspect, lines)| view! {
                <dt>{aspect}</dt>
                <dd>{lines.into_iter().map(|line| view! { <div><code>{line}</code></div> }).collect_view()}</dd>
            }).collect_view()}
        </dl>
    }
}
