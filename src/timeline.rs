//! The release timeline: one app's releases drawn as an SVG picture, in
//! time order from left to right. Pure: an `App` in, SVG text out, so the
//! picture is tested natively and the browser only inserts it.
//!
//! - Each release is a mark whose shape and colour tell its kind
//!   (deploy, config, add-on, provider update, rollback, retry); a legend
//!   says which is which.
//! - Each slug or image has a lane: a release sits in the lane of the code
//!   it runs, so a rollback visibly returns to an older lane. Releases
//!   without code (v1, v2) sit in the top lane.
//! - An arrow runs from each rollback to its target; the current release
//!   is ringed; pending, failed and expired releases are drawn hollow,
//!   crossed or faded; a red line marks where retention has deleted code.
//! - Only a window of releases is drawn, so 10,000 releases cost what 40 do.
//!
//! Marks are focusable, with a label that says all the picture shows, and
//! carry `data-version` for the view to open their details.

use crate::engine::app::App;
use crate::engine::release::{ArtifactId, Change, Kind, Release, Status, Style};
use crate::engine::time::Clock;
use crate::markup::Markup as Out;

/// How many releases a window shows.
pub const WINDOW: usize = 40;

const COLUMN: i64 = 26;
const LANE: i64 = 26;
const GUTTER: i64 = 150;
const TOP: i64 = 62;
const AXIS: i64 = 40;
const LANE_LABEL_CHARS: usize = 22;

/// The versions a window shows: up to `WINDOW` releases ending `back`
/// releases before the newest.
pub fn window(total: usize, back: usize) -> std::ops::RangeInclusive<u32> {
    let end = total.saturating_sub(back).max(WINDOW.min(total));
    let start = end.saturating_sub(WINDOW) + 1;
    start as u32..=end as u32
}

fn kind_name(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Deploy => ("deploy", "Deploy"),
        Kind::Config => ("config", "Config change"),
        Kind::Addon => ("addon", "Add-on change"),
        Kind::Provider => ("provider", "Provider update"),
        Kind::Rollback => ("rollback", "Rollback"),
        Kind::Retry => ("retry", "Retry"),
        Kind::Initial => ("initial", "Set-up"),
    }
}

/// The shapes, centred on (0, 0): one per kind (their ids are `s-` and the
/// kind's class), the failed cross, and the arrowhead.
const DEFS: &str = concat!(
    r#"<defs><circle id="s-deploy" r="7"/><circle id="s-initial" r="4"/><rect id="s-config" x="-6" y="-6" width="12" height="12"/>"#,
    r#"<path id="s-addon" d="M0-8l8 8-8 8-8-8z"/><path id="s-provider" d="M0-8l8 14h-16z"/><path id="s-rollback" d="M7-8v16l-15-8z"/>"#,
    r#"<path id="s-retry" d="M-4-7h8l4 7-4 7h-8l-4-7z"/><path id="s-cross" class="cross" d="M-5-5l10 10m0-10l-10 10"/>"#,
    r#"<marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>"#,
);

/// The legend: each kind's shape, then how status and the current release look.
fn legend(out: &mut Out) {
    out.s(r#"<g class="legend" aria-hidden="true">"#);
    let mut x = 10;
    for kind in [Kind::Deploy, Kind::Config, Kind::Addon, Kind::Provider, Kind::Rollback, Kind::Retry] {
        let (class, label) = kind_name(kind);
        out.s(r#"<g class="mark k-"#).s(class).s(r#"">"#).shape(&format!("s-{class}"), x + 8, 14).s("</g>").text(x + 20, 18, "", label);
        x += 28 + 7 * label.len() as i64;
    }
    let mut x = 10;
    for (status, label) in [(Status::Pending, "pending"), (Status::Failed, "failed"), (Status::Expired, "expired (code deleted)")] {
        out.s(r#"<g class="mark k-deploy st-"#).s(status.as_str()).s(r#"">"#).shape("s-deploy", x + 8, 40);
        if status == Status::Failed {
            out.shape("s-cross", x + 8, 40);
        }
        out.s("</g>").text(x + 20, 44, "", label);
        x += 28 + 7 * label.len() as i64;
    }
    out.s(r#"<circle class="current-ring" cx=""#).n(x + 8).s(r#"" cy="40" r="11"/>"#).text(x + 24, 44, "", "current").s("</g>");
}

/// The picture of `app`'s releases `versions` (a window; see `window`),
/// with `selected` highlighted. Times are in `clock`'s display zone.
pub fn svg(app: &App, versions: std::ops::RangeInclusive<u32>, selected: Option<u32>, clock: &Clock, style: Style) -> String {
    let releases: Vec<&Release> = versions.clone().filter_map(|v| app.release(v)).collect();
    // Lanes: no code first, then each slug or image in order of first use here.
    let mut lanes: Vec<Option<ArtifactId>> = vec![None];
    for release in &releases {
        if !lanes.contains(&release.artifact) {
            lanes.push(release.artifact);
        }
    }
    let lane_of = |release: &Release| lanes.iter().position(|lane| *lane == release.artifact).unwrap_or(0) as i64;
    let column_of = |version: u32| releases.iter().position(|r| r.version == version).map(|i| i as i64);
    let x_of = |column: i64| GUTTER + COLUMN / 2 + column * COLUMN;
    let y_of = |lane: i64| TOP + LANE / 2 + lane * LANE;
    // At least as wide as the legend's first row.
    let width = (GUTTER + COLUMN * releases.len().max(1) as i64 + 24).max(620);
    let height = TOP + LANE * lanes.len() as i64 + AXIS;
    let noun = app.kind().noun();

    let mut out = Out(String::with_capacity(1600 + releases.len() * 360));
    out.s(r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" width=""#).n(width).s(r#"" height=""#).n(height);
    out.s(r#"" viewBox="0 0 "#).n(width).s(" ").n(height).s(r#"" role="group" aria-label="Timeline of "#).t(&app.name);
    out.s(": v").n(*versions.start() as i64).s(" to v").n(*versions.end() as i64).s(r#", oldest on the left">"#).s(DEFS);
    legend(&mut out);

    // Lanes, each labelled with the commit its code was built from.
    for (index, lane) in lanes.iter().enumerate() {
        let y = y_of(index as i64);
        let (label, deleted) = match lane {
            None => ("no code".to_string(), false),
            Some(id) => {
                let artifact = app.artifact(*id);
                let subject = app.repo.commits.iter().find(|c| c.sha == artifact.commit).map(|c| c.subject()).unwrap_or_default();
                let mut label: String = artifact.commit.chars().take(7).chain(" ".chars()).chain(subject.chars().take(LANE_LABEL_CHARS)).collect();
                if subject.chars().count() > LANE_LABEL_CHARS {
                    label.push('…');
                }
                (label, artifact.destroyed_at.is_some())
            }
        };
        let used = || releases.iter().enumerate().filter(|(_, r)| r.artifact == *lane).map(|(i, _)| i as i64);
        let (from, to) = (used().next().unwrap_or(0), used().last().unwrap_or(0));
        out.s(if deleted { r#"<g class="lane deleted">"# } else { r#"<g class="lane">"# }).text(6, y + 4, "", &label);
        out.s(r#"<line x1=""#).n(x_of(from)).s(r#"" y1=""#).n(y).s(r#"" x2=""#).n(x_of(to)).s(r#"" y2=""#).n(y).s(r#""/></g>"#);
    }

    // Where retention has deleted code: right of the newest expired release shown.
    if let Some(last_expired) = releases.iter().rposition(|r| r.status == Status::Expired) {
        let x = x_of(last_expired as i64) + COLUMN / 2;
        out.s(r#"<g class="retention-line"><line x1=""#).n(x).s(r#"" y1=""#).n(TOP - 4).s(r#"" x2=""#).n(x).s(r#"" y2=""#).n(height - AXIS + 4).s(r#""/>"#);
        out.text(x - 4, height - AXIS + 16, r#" text-anchor="end""#, &format!("← {noun}s deleted")).s("</g>");
    }

    // Arrows from rollbacks to their targets (to the window's edge when the target is older).
    for (index, release) in releases.iter().enumerate() {
        let Change::Rollback { target } = release.change else { continue };
        let (x1, y1) = (x_of(index as i64), y_of(lane_of(release)) - 8);
        let inside = column_of(target);
        let (x2, y2) = match inside {
            Some(column) => (x_of(column), y_of(lane_of(releases[column as usize])) - 9),
            None => (GUTTER, y1 - 10),
        };
        let lift = 14 + (x1 - x2).abs() / 8;
        out.s(r#"<g class="arrow" data-from=""#).n(release.version as i64).s(r#"" data-to=""#).n(target as i64);
        out.s(r#""><path d="M"#).n(x1).s(" ").n(y1).s("C").n(x1).s(" ").n(y1 - lift).s(" ").n(x2).s(" ").n(y2 - lift).s(" ").n(x2).s(" ").n(y2);
        out.s(r#"" marker-end="url(#arrowhead)"/>"#);
        if inside.is_none() {
            out.text(GUTTER, y1 - 14, "", &format!("v{target}"));
        }
        out.s("</g>");
    }

    // The time axis: a date under the first release of each day, unless it would crowd the last one.
    let mut last_label_x: Option<i64> = None;
    let mut last_day = String::new();
    for (index, release) in releases.iter().enumerate() {
        let stamp = clock.local_stamp(release.created_at, '-');
        let day = &stamp[..10];
        let x = x_of(index as i64);
        if day != last_day && last_label_x.is_none_or(|last| x - last >= 80) {
            out.text(x, height - 12, r#" class="axis""#, day);
            last_label_x = Some(x);
        }
        last_day = day.to_string();
    }

    // The marks, last so they are on top and in reading order for the keyboard.
    for (index, release) in releases.iter().enumerate() {
        let kind = release.change.kind();
        let (class, kind_label) = kind_name(kind);
        let (x, y) = (x_of(index as i64), y_of(lane_of(release)));
        let current = app.current == Some(release.version);
        let code = match release.artifact {
            Some(id) => format!("runs {noun} {}", app.artifact(id).commit.chars().take(7).collect::<String>()),
            None => "no code".to_string(),
        };
        let label = format!(
            "Release {}, {}: {}, {}{}, {}, {}",
            release.version,
            kind_label,
            release.change.description(style),
            release.status.as_str(),
            if current { ", current" } else { "" },
            code,
            clock.local_stamp(release.created_at, '-'),
        );
        out.s(r#"<g class="mark k-"#).s(class).s(" st-").s(release.status.as_str());
        out.s(if current { " current" } else { "" }).s(if selected == Some(release.version) { " selected" } else { "" });
        out.s(r#"" tabindex="0" role="button" data-version=""#).n(release.version as i64).s(r#"" aria-label=""#).t(&label).s(r#"">"#);
        if current {
            out.s(r#"<circle class="current-ring" cx=""#).n(x).s(r#"" cy=""#).n(y).s(r#"" r="11"/>"#);
        }
        out.shape(&format!("s-{class}"), x, y);
        if release.status == Status::Failed {
            out.shape("s-cross", x, y);
        }
        // The visible number is the label's first word, as screen-reader users expect.
        out.text(x, y + 21, r#" class="version" text-anchor="middle""#, &release.version.to_string()).s("</g>");
    }
    out.s("</svg>");
    out.0
}
