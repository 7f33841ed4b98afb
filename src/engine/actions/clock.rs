//! `sim clock RFC3339` and `sim advance N(s|m|h|d|w)`.

use crate::engine::error::EngineError;
use crate::engine::time::{Clock, LAST_SECOND};
use crate::engine::world::{Outcome, World};
use chrono::DateTime;

pub fn set(world: &mut World, rfc3339: &str) -> Result<Outcome, EngineError> {
    let at = DateTime::parse_from_rfc3339(rfc3339).map_err(|_| EngineError::NotRfc3339 { text: rfc3339.to_string() })?;
    let target = Clock::from_datetime(at);
    let from = world.now();
    if target.now > LAST_SECOND {
        return Err(EngineError::ClockPastLastSecond { now: world.clock.stamp(from, '-') });
    }
    if target.now < from && !world.apps.is_empty() {
        return Err(EngineError::ClockBackwards { now: world.clock.stamp(from, '-') });
    }
    let events = if target.now < from { Vec::new() } else { world.advance_to(target.now) };
    world.clock = target;
    Ok(Outcome::ClockMoved { from, to: world.now(), events })
}

pub fn advance(world: &mut World, secs: i64) -> Result<Outcome, EngineError> {
    if secs <= 0 {
        return Err(EngineError::NonPositiveDuration);
    }
    let from = world.now();
    if from.plus(secs) > LAST_SECOND {
        return Err(EngineError::ClockPastLastSecond { now: world.clock.stamp(from, '-') });
    }
    let events = world.advance_to(from.plus(secs));
    Ok(Outcome::ClockMoved { from, to: world.now(), events })
}
