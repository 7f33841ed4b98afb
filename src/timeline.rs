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
use std::fmt::Write;

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

/// The mark's outline, centred on (x, y).
fn shape(out: &mut String, kind: Kind, x: i64, y: i64) {
    let _ = match kind {
        Kind::Deploy => write!(out, r#"<circle cx="{x}" cy="{y}" r="7"/>"#),
        Kind::Initial => write!(out, r#"<circle cx="{x}" cy="{y}" r="4"/>"#),
        Kind::Config => write!(out, r#"<rect x="{}" y="{}" width="12" height="12"/>"#, x - 6, y - 6),
        Kind::Addon => write!(out, r#"<polygon points="{x},{} {},{y} {x},{} {},{y}"/>"#, y - 8, x + 8, y + 8, x - 8),
        Kind::Provider => write!(out, r#"<polygon points="{x},{} {},{} {},{}"/>"#, y - 8, x + 8, y + 6, x - 8, y + 6),
        Kind::Rollback => write!(out, r#"<polygon points="{},{} {},{y} {},{}"/>"#, x + 7, y - 8, x - 8, x + 7, y + 8),
        Kind::Retry => write!(out, r#"<polygon points="{},{} {},{} {},{y} {},{} {},{} {},{y}"/>"#, x - 4, y - 7, x + 4, y - 7, x + 8, x + 4, y + 7, x - 4, y + 7, x - 8),
    };
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The legend: each kind's shape, then how status and the current release look.
fn legend(out: &mut String) {
    out.push_str(r#"<g class="legend" aria-hidden="true">"#);
    let mut x = 10;
    for kind in [Kind::Deploy, Kind::Config, Kind::Addon, Kind::Provider, Kind::Rollback, Kind::Retry] {
        let (class, label) = kind_name(kind);
        let _ = write!(out, r#"<g class="mark k-{class}">"#);
        shape(out, kind, x + 8, 14);
        let _ = write!(out, r#"</g><text x="{}" y="18">{label}</text>"#, x + 20);
        x += 28 + 7 * label.len() as i64;
    }
    let mut x = 10;
    for (status, label) in [(Status::Pending, "pending"), (Status::Failed, "failed"), (Status::Expired, "expired (code deleted)")] {
        let _ = write!(out, r#"<g class="mark k-deploy st-{}">"#, status.as_str());
        shape(out, Kind::Deploy, x + 8, 40);
        if status == Status::Failed {
            cross(out, x + 8, 40);
        }
        let _ = write!(out, r#"</g><text x="{}" y="44">{label}</text>"#, x + 20);
        x += 28 + 7 * label.len() as i64;
    }
    let _ = write!(out, r#"<circle class="current-ring" cx="{}" cy="40" r="11"/><text x="{}" y="44">current</text></g>"#, x + 8, x + 24);
}

fn cross(out: &mut String, x: i64, y: i64) {
    let _ = write!(out, r#"<path class="cross" d="M{} {}l10 10m0 -10l-10 10"/>"#, x - 5, y - 5);
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

    let mut out = String::with_capacity(600 + releases.len() * 420);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="group" aria-label="Timeline of {name}: v{first} to v{last}, oldest on the left">"#,
        name = escape(&app.name),
        first = versions.start(),
        last = versions.end(),
    );
    out.push_str(r#"<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>"#);
    legend(&mut out);

    // Lanes, each labelled with the commit its code was built from.
    for (index, lane) in lanes.iter().enumerate() {
        let y = y_of(index as i64);
        let (label, deleted) = match lane {
            None => ("no code".to_string(), false),
            Some(id) => {
                let artifact = app.artifact(*id);
                let subject = app.repo.commits.iter().find(|c| c.sha == artifact.commit).map(|c| c.subject().to_string()).unwrap_or_default();
                let short: String = subject.chars().take(LANE_LABEL_CHARS).collect();
                let more = if subject.chars().count() > LANE_LABEL_CHARS { "…" } else { "" };
                (format!("{} {short}{more}", &artifact.commit[..7.min(artifact.commit.len())]), artifact.destroyed_at.is_some())
            }
        };
        let used: Vec<i64> = releases.iter().enumerate().filter(|(_, r)| r.artifact == *lane).map(|(i, _)| i as i64).collect();
        let (from, to) = (used.first().copied().unwrap_or(0), used.last().copied().unwrap_or(0));
        let _ = write!(
            out,
            r#"<g class="lane{}"><text x="6" y="{}">{}</text><line x1="{}" y1="{y}" x2="{}" y2="{y}"/></g>"#,
            if deleted { " deleted" } else { "" },
            y + 4,
            escape(&label),
            x_of(from),
            x_of(to),
        );
    }

    // Where retention has deleted code: right of the newest expired release shown.
    if let Some(last_expired) = releases.iter().rposition(|r| r.status == Status::Expired) {
        let x = x_of(last_expired as i64) + COLUMN / 2;
        let _ = write!(
            out,
            r#"<g class="retention-line"><line x1="{x}" y1="{}" x2="{x}" y2="{}"/><text x="{}" y="{}" text-anchor="end">← {noun}s deleted</text></g>"#,
            TOP - 4,
            height - AXIS + 4,
            x - 4,
            height - AXIS + 16,
        );
    }

    // Arrows from rollbacks to their targets (to the window's edge when the target is older).
    for (index, release) in releases.iter().enumerate() {
        let Change::Rollback { target } = release.change else { continue };
        let (x1, y1) = (x_of(index as i64), y_of(lane_of(release)) - 8);
        let (x2, y2, note) = match column_of(target) {
            Some(column) => (x_of(column), y_of(lane_of(releases[column as usize])) - 9, String::new()),
            None => (GUTTER, y1 - 10, format!(r#"<text x="{GUTTER}" y="{}">v{target}</text>"#, y1 - 14)),
        };
        let lift = 14 + (x1 - x2).abs() / 8;
        let _ = write!(
            out,
            r#"<g class="arrow" data-from="{}" data-to="{target}"><path d="M{x1} {y1}C{x1} {} {x2} {} {x2} {y2}" marker-end="url(#arrowhead)"/>{note}</g>"#,
            release.version,
            y1 - lift,
            y2 - lift,
        );
    }

    // The time axis: a date under the first release of each day, unless it would crowd the last one.
    let mut last_label_x: Option<i64> = None;
    let mut last_day = String::new();
    for (index, release) in releases.iter().enumerate() {
        let stamp = clock.local_stamp(release.created_at, '-');
        let day = &stamp[..10];
        let x = x_of(index as i64);
        if day != last_day && last_label_x.is_none_or(|last| x - last >= 80) {
            let _ = write!(out, r#"<text class="axis" x="{x}" y="{}">{day}</text>"#, height - 12);
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
            Some(id) => format!("runs {noun} {}", &app.artifact(id).commit[..7.min(app.artifact(id).commit.len())]),
            None => "no code".to_string(),
        };
        let label = format!(
            "v{}, {}: {}, {}{}, {}, {}",
            release.version,
            kind_label,
            release.change.description(style),
            release.status.as_str(),
            if current { ", current" } else { "" },
            code,
            clock.local_stamp(release.created_at, '-'),
        );
        let _ = write!(
            out,
            r#"<g class="mark k-{class} st-{}{}{}" tabindex="0" role="button" data-version="{}" aria-label="{}"><title>{}</title>"#,
            release.status.as_str(),
            if current { " current" } else { "" },
            if selected == Some(release.version) { " selected" } else { "" },
            release.version,
            escape(&label),
            escape(&label),
        );
        if current {
            let _ = write!(out, r#"<circle class="current-ring" cx="{x}" cy="{y}" r="11"/>"#);
        }
        shape(&mut out, kind, x, y);
        if release.status == Status::Failed {
            cross(&mut out, x, y);
        }
        let _ = write!(out, r#"<text class="version" x="{x}" y="{}" text-anchor="middle">{}</text></g>"#, y + 21, release.version);
    }
    out.push_str("</svg>");
    out
}
