//! One release as `releases:info` shows it, with its eligibility and a diff
//! against the release before it.

use super::history::status_badge;
use super::{current_app, use_store, SelectedRelease};
use super::diff_list::DiffList;
use crate::cli::cmd::releases::diff_rows;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Details() -> impl IntoView {
    let store = use_store();
    let SelectedRelease(selected) = expect_context::<SelectedRelease>();
    let details = move || {
        let version = selected.get()?;
        let app_name = current_app(store)?;
        store.world.with(|world| {
            let app = world.app(&app_name).ok()?;
            let release = app.release(version)?;
            let eligibility = match release.eligibility() {
                Ok(()) => "Yes".to_string(),
                Err(why) => format!("No: {}", crate::cli::errors::ineligible(why, version, app.kind())),
            };
            let config: Vec<(String, String)> =
                app.config.vars(release.config).iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            // Why retention deleted its slug or image, or keeps it.
            let retention = app
                .retention_of(version, world.now())
                .map(|kept| crate::cli::explain::retention(kept, version, app.retention, app.kind(), &world.clock))
                .unwrap_or_default();
            let diff = (version > 1)
                .then(|| world.diff_releases(&app_name, version - 1, version).ok())
                .flatten()
                .map(|d| diff_rows(&d, true));
            Some((
                crate::engine::time::format_offset(world.clock.offset_secs),
                version,
                release.change.description(world.style),
                release.user.clone(),
                world.clock.local_stamp(release.created_at, '-'),
                release.addon_plan_names.join(", "),
                release.status,
                eligibility,
                retention,
                config,
                diff,
            ))
        })
    };
    view! {
        <section class="panel details" aria-labelledby="details-title" aria-live="polite">
            <h2 id="details-title">"Release details"</h2>
            {move || match details() {
                None => Either::Left(view! { <p class="empty">"Choose a release in the history to see it here."</p> }),
                Some((zone, version, change, by, when, addons, status, eligibility, retention, config, diff)) => Either::Right(view! {
                    <h3>{format!("Release v{version}")}</h3>
                    <dl class="info">
                        <dt>"Change"</dt><dd>{change}</dd>
                        <dt>"By"</dt><dd>{by}</dd>
                        <dt>"When"</dt><dd>{when}" "<span class="zone">{zone}</span></dd>
                        <dt>"Add-ons"</dt><dd>{if addons.is_empty() { "none".to_string() } else { addons }}</dd>
                        <dt>"Status"</dt><dd>{status_badge(status)}</dd>
                        <dt>"Eligible for rollback?"</dt><dd>{eligibility}</dd>
                        <dt>"Retention"</dt><dd class="retention">{retention}</dd>
                    </dl>
                    <h4>{format!("v{version} config vars")}</h4>
                    {if config.is_empty() {
                        Either::Left(view! { <p class="empty">"No config vars."</p> })
                    } else {
                        Either::Right(view! {
                            <table class="vars">
                                <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th></tr></thead>
                                <tbody>
                                    {config.into_iter().map(|(k, v)| view! { <tr><td><code>{k}</code></td><td><code>{v}</code></td></tr> }).collect_view()}
                                </tbody>
                            </table>
                        })
                    }}
                    {diff.map(|rows| view! {
                        <h4>{format!("Changes since v{}", version - 1)}</h4>
                        <DiffList rows=rows/>
                    })}
                }),
            }}
        </section>
    }
}
