//! The simulated clock. Time only moves when a command says so, which is
//! what makes every transcript reproducible.

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;
pub const WEEK: i64 = 7 * DAY;

/// 9999-12-31T23:59:59Z: the last second the clock may show. RFC 3339
/// and the CLI's four-digit years end there; past it, dates stop making
/// sense (and past chrono's range they would wrap to 1970).
pub const LAST_SECOND: Timestamp = Timestamp(253_402_300_799);

impl Timestamp {
    pub fn plus(self, secs: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(secs))
    }

    pub fn to_utc(self) -> DateTime<Utc> {
        Utc.timestamp_opt(self.0, 0).single().unwrap_or_default()
    }

    /// `2024-12-03T12:00:00Z`, the Platform API's format.
    pub fn rfc3339_utc(self) -> String {
        let t = self.to_utc();
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
    }
}

/// The simulated "now" plus the offset used to display local times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub now: Timestamp,
    /// Display offset east of UTC, in seconds; set by `sim clock`.
    pub offset_secs: i32,
}

impl Clock {
    pub fn starting_at(rfc3339: &str) -> Option<Clock> {
        let parsed = DateTime::parse_from_rfc3339(rfc3339).ok()?;
        Some(Clock::from_datetime(parsed))
    }

    pub fn from_datetime(at: DateTime<FixedOffset>) -> Clock {
        Clock { now: Timestamp(at.timestamp()), offset_secs: at.offset().local_minus_utc() }
    }

    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.offset_secs).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// A timestamp in the display time zone.
    pub fn local(&self, at: Timestamp) -> DateTime<FixedOffset> {
        at.to_utc().with_timezone(&self.offset())
    }

    /// `2024-12-03 12:00:00 +0000` (or with `/` between the date's parts),
    /// in the display time zone. Formatted by hand: chrono's strftime
    /// machinery costs the browser build more than it is worth.
    pub fn stamp(&self, at: Timestamp, date_separator: char) -> String {
        format!("{} {}", self.local_stamp(at, date_separator), format_offset(self.offset_secs))
    }

    /// `2024-12-03 12:00:00`: `stamp` without the offset, for views that
    /// show the display time zone once rather than on every line.
    pub fn local_stamp(&self, at: Timestamp, date_separator: char) -> String {
        let t = self.local(at);
        let sep = date_separator;
        format!("{:04}{sep}{:02}{sep}{:02} {:02}:{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
    }
}

/// Parses `30m`, `4h`, `31d`, `2w` or `45s` into seconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let split = text.len().checked_sub(1)?;
    if !text.is_char_boundary(split) {
        return None;
    }
    let (digits, unit) = text.split_at(split);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let amount: i64 = digits.parse().ok()?;
    let unit_secs = match unit {
        "s" => 1,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        "w" => WEEK,
        _ => return None,
    };
    amount.checked_mul(unit_secs)
}

/// `+0200`, `-0700`: git's and strftime's `%z`.
pub fn format_offset(offset_secs: i32) -> String {
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let minutes = offset_secs.unsigned_abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}
