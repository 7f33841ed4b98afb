//! `heroku create [NAME] [--generation cedar|fir]`

use crate::engine::app::{App, Generation, NewRelease};
use crate::engine::config::ConfigStore;
use crate::engine::error::EngineError;
use crate::engine::release::Change;
use crate::engine::rng;
use crate::engine::retention::{RetentionPolicy, ALL_GENERATIONS_FROM};
use crate::engine::world::{schema, Outcome, World};

pub fn check_name(name: &str) -> Result<(), EngineError> {
    if name.len() > 30 {
        return Err(EngineError::AppNameTooLong);
    }
    if name.len() < 3 {
        return Err(EngineError::AppNameTooShort);
    }
    let bytes = name.as_bytes();
    let valid = bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !name.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(EngineError::AppNameInvalid)
    }
}

pub fn run(world: &mut World, name: Option<String>, generation: Generation) -> Result<Outcome, EngineError> {
    let name = match name {
        Some(name) => {
            check_name(&name)?;
            if world.app(&name).is_ok() {
                return Err(EngineError::AppNameTaken { name });
            }
            name
        }
        None => loop {
            let candidate = rng::app_name(&mut world.rng);
            if world.app(&candidate).is_err() {
                break candidate;
            }
        },
    };
    let now = world.now();
    let user = world.user.clone();
    let mut app = App::new(name.clone(), generation, user.clone(), now, &mut world.rng);
    if world.follows(schema::CODE_AND_CALENDAR) {
        if now < ALL_GENERATIONS_FROM {
            app.retention_follows_calendar = true;
        } else {
            app.retention = RetentionPolicy::All2025;
        }
    }
    let mut versions = Vec::new();
    for change in [Change::InitialRelease, Change::EnableLogplex] {
        let release = NewRelease {
            change,
            user: user.clone(),
            artifact: None,
            config: ConfigStore::EMPTY,
            addon_plan_names: Vec::new().into(),
            runs_release_phase: false,
        };
        versions.push(app.create_release(release, now, &mut world.rng));
    }
    world.apps.push(app);
    Ok(Outcome::AppCreated { app: name, versions })
}
