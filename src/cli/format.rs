//! Layout helpers shared by every renderer: headers, aligned key/value
//! blocks, tables, times and shell quoting, as the Heroku CLI draws them.

use crate::engine::config::ConfigVars;
use chrono::{Datelike, Timelike};
use crate::engine::time::format_offset;
use crate::engine::release::Style;
use crate::engine::time::{Clock, Timestamp};

/// `⬢ myapp` today; the 2010 CLI printed the bare name.
pub fn app_label(style: Style, name: &str) -> String {
    match style {
        Style::Modern => format!("⬢ {name}"),
        Style::Classic => name.to_string(),
    }
}

/// `⛁ postgresql-curly-33328` today.
pub fn addon_label(style: Style, name: &str) -> String {
    match style {
        Style::Modern => format!("⛁ {name}"),
        Style::Classic => name.to_string(),
    }
}

/// `=== header` and a blank line (`hux.styledHeader`).
pub fn header(text: &str) -> String {
    format!("=== {text}\n")
}

/// `hux.styledObject`: keys padded so values align; multi-line values
/// continue under the value column; empty values are skipped.
pub fn styled_object(rows: &[(&str, Vec<String>)]) -> String {
    let width = rows.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| k.chars().count()).max().unwrap_or(0) + 2;
    let mut out = Vec::new();
    for (key, values) in rows {
        for (index, value) in values.iter().enumerate() {
            let label = if index == 0 { format!("{key}:") } else { String::new() };
            // A value's own spaces are printed as typed; only an empty
            // value's padding is trimmed.
            let line = format!("{label:<width$}{value}");
            out.push(if value.is_empty() { line.trim_end().to_string() } else { line });
        }
    }
    out.join("\n")
}

/// `hux.table` (`@oclif/table`, `headers-only-with-underline`): each cell
/// padded to its column with a space either side, cells one space apart,
/// inside a one-space border, so rows keep their trailing spaces; one `─`
/// rule across the whole table under the header; a cell may span several
/// lines. Ink ends the table with a blank line.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..headers.len())
        .map(|col| {
            rows.iter()
                .flat_map(|row| row[col].split('\n').map(|l| l.chars().count()))
                .chain(std::iter::once(headers[col].chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let inner: usize = widths.iter().map(|w| w + 3).sum::<usize>().saturating_sub(1);
    let mut text = String::with_capacity((rows.len() + 2) * (inner + 3) * 2);
    // One buffer for the whole table: `heroku releases` renders on every keystroke of a lesson.
    let line = |text: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        text.push(' ');
        for (index, (cell, width)) in cells.zip(&widths).enumerate() {
            text.push_str(if index == 0 { " " } else { "   " });
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.chars().count())));
        }
        text.push_str("  \n");
    };
    line(&mut text, &mut headers.iter().copied());
    text.push(' ');
    text.extend(std::iter::repeat_n('─', inner));
    text.push_str(" \n");
    for row in rows {
        let height = row.iter().map(|c| c.split('\n').count()).max().unwrap_or(1);
        for index in 0..height {
            line(&mut text, &mut row.iter().map(|c| c.split('\n').nth(index).unwrap_or("")));
        }
    }
    text
}

/// `2024/12/03 12:00:00 +0000 (~ 5m ago)` (`lib/time.ts`).
pub fn modern_when(clock: &Clock, at: Timestamp) -> String {
    let message = clock.stamp(at, '/');
    let elapsed = clock.now.0 - at.0;
    if elapsed < 60 {
        format!("{message} (~ {}s ago)", elapsed.max(0))
    } else if elapsed < 60 * 60 {
        format!("{message} (~ {}m ago)", elapsed / 60)
    } else if elapsed < 60 * 60 * 25 {
        format!("{message} (~ {}h ago)", elapsed / 3600)
    } else {
        message
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("{n} {unit} ago")
    } else {
        format!("{n} {unit}s ago")
    }
}

/// `5 minutes ago`, `3 hours ago`, or `2010-09-12 15:32:17 -0700` from a
/// day on (the 2010 CLI's `delta_format`).
pub fn classic_when(clock: &Clock, at: Timestamp) -> String {
    let secs = (clock.now.0 - at.0).abs();
    let (mins, hours) = (secs / 60, secs / 3600);
    if hours / 24 > 0 {
        clock.stamp(at, '-')
    } else if hours > 0 {
        plural(hours, "hour")
    } else if mins > 0 {
        plural(mins, "minute")
    } else {
        plural(secs, "second")
    }
}

/// git's default date format, in the commit's own time zone.
pub fn git_date(at: Timestamp, offset_secs: i32) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let t = Clock { now: at, offset_secs }.local(at);
    format!(
        "{} {} {} {:02}:{:02}:{:02} {} {}",
        DAYS[t.weekday().num_days_from_monday() as usize],
        MONTHS[t.month0() as usize],
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year(),
        format_offset(offset_secs)
    )
}

/// The CLI's `quote()` for `--shell` output (`lib/config/quote.ts`).
pub fn shell_quote(value: &str) -> String {
    let special = |c: char| c.is_whitespace() || "\"#!$&'()*,:;<=>?@[\\]^`{|}".contains(c);
    if !value.chars().any(special) {
        return value.to_string();
    }
    if value.contains('\'') || value.contains('\n') {
        let mut escaped = String::new();
        for c in value.chars() {
            match c {
                '"' | '\\' | '$' | '`' | '!' => {
                    escaped.push('\\');
                    escaped.push(c);
                }
                '\n' => escaped.push_str("\\n"),
                c => escaped.push(c),
            }
        }
        format!("\"{escaped}\"")
    } else {
        format!("'{value}'")
    }
}

/// Config vars as `styled_object` rows.
pub fn config_rows(vars: &ConfigVars) -> Vec<(&str, Vec<String>)> {
    // The CLI shows an empty value as `''`.
    vars.iter().map(|(k, v)| (&**k, vec![if v.is_empty() { "''".to_string() } else { v.to_string() }])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styled_object_aligns_values() {
        let text = styled_object(&[("Add-ons", vec!["a".into(), "b".into()]), ("Eligible for Rollback?", vec!["Yes".into()]), ("Empty", vec![])]);
        assert_eq!(text, "Add-ons:                a\n                        b\nEligible for Rollback?: Yes");
    }

    #[test]
    fn table_matches_heroku_cli_util() {
        let text = table(&["Baz", "Foo"], &[vec!["42".into(), "bar".into()], vec!["7".into(), "qux".into()]]);
        assert_eq!(text, "  Baz   Foo  \n ─────────── \n  42    bar  \n  7     qux  \n");
    }

    #[test]
    fn shell_quoting_follows_the_cli() {
        assert_eq!(shell_quote("production"), "production");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "\"it's\"");
        assert_eq!(shell_quote("x=$y\nz"), "\"x=\\$y\\nz\"");
    }

    #[test]
    fn relative_times() {
        let clock = Clock { now: Timestamp(1_000_000), offset_secs: -7 * 3600 };
        assert_eq!(classic_when(&clock, Timestamp(1_000_000 - 300)), "5 minutes ago");
        assert_eq!(classic_when(&clock, Timestamp(1_000_000 - 60)), "1 minute ago");
        assert_eq!(classic_when(&clock, Timestamp(1_000_000 - 3 * 3600 - 5)), "3 hours ago");
        assert_eq!(classic_when(&clock, Timestamp(1_000_000 - 86_400)), "1970-01-11 06:46:40 -0700");
        assert_eq!(modern_when(&clock, Timestamp(1_000_000 - 120)), "1970/01/12 06:44:40 -0700 (~ 2m ago)");
        assert_eq!(git_date(Timestamp(1_373_555_780), 7200), "Thu Jul 11 17:16:20 2013 +0200");
    }
}
