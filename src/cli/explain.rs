//! Words for what the engine reports as data beyond errors: why retention
//! deleted a release's slug or image, or why it keeps it.

use crate::engine::release::ArtifactKind;
use crate::engine::retention::{Kept, RetentionPolicy, MAX_AGE_SECS};
use crate::engine::time::{Clock, DAY, HOUR, MINUTE};

/// One or two sentences on release `version` under retention, for someone
/// who has not read Heroku's docs.
pub fn retention(kept: Kept, version: u32, policy: RetentionPolicy, kind: ArtifactKind, clock: &Clock) -> String {
    let noun = kind.noun();
    match kept {
        Kept::Expired { at } => format!(
            "Expired at {}: its {noun} was deleted once every release that ran it was past the retention policy's line, so v{version} can no longer be rolled back to.",
            clock.stamp(at, '-')
        ),
        Kept::NothingToDelete => format!("Never expires: nothing was deployed yet, so there is no {noun} to delete."),
        Kept::PolicyNeverExpires => format!("Kept: the {} policy never deletes a {noun}.", policy.name()),
        Kept::WithinLine { age_secs, newer, latest } => {
            let place = match newer {
                0 => "the newest release".to_string(),
                1 => "1 release back".to_string(),
                n => format!("{n} releases back"),
            };
            let rule = match policy {
                RetentionPolicy::Fir2024 if latest && age_secs > MAX_AGE_SECS => {
                    format!("fir-2024 deletes a {noun} older than 30 days, but never the newest release's")
                }
                RetentionPolicy::Fir2024 => {
                    "fir-2024 deletes it once it is older than 30 days or more than 100 releases back".to_string()
                }
                RetentionPolicy::All2025 => {
                    "all-2025 deletes it only once it is both older than 30 days and more than 20 releases back".to_string()
                }
                RetentionPolicy::Unlimited => "unlimited never deletes it".to_string(),
            };
            format!("Kept: it is {} old and {place}; {rule}.", age(age_secs))
        }
        Kept::UsedByNewer { version: newer } => format!(
            "Kept: it is past the {} policy's line, but v{newer} runs the same {noun} and is not, and a {noun} is deleted only once every release that runs it is past the line.",
            policy.name()
        ),
        Kept::Current => format!("Kept: this is the current release, and the {noun} the app runs is never deleted."),
        Kept::RunByCurrent { current } => format!(
            "Kept: it is past the {} policy's line, but the current release, v{current}, runs the same {noun} (config and add-on changes reuse it), and the {noun} the app runs is never deleted.",
            policy.name()
        ),
        Kept::Due => format!("Past the {} policy's line: its {noun} is deleted when the clock next moves.", policy.name()),
    }
}

/// "31 days", "5 hours", "12 minutes": the largest whole unit.
fn age(secs: i64) -> String {
    let (count, unit) = if secs >= DAY {
        (secs / DAY, "day")
    } else if secs >= HOUR {
        (secs / HOUR, "hour")
    } else {
        (secs.max(0) / MINUTE, "minute")
    };
    format!("{count} {unit}{}", if count == 1 { "" } else { "s" })
}
