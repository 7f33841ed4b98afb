//! JSON read with the browser's own `JSON.parse`, behind
//! `workspace::JsonObject`: the wasm then carries no JSON parser (serde_json's
//! deserializer cost 17 kB gzipped). Writing uses `cli::json`, the printer
//! the CLI's `--json` needs anyway: the wasm has no serde_json at all.

use crate::engine::World;
use crate::workspace::{self, wrong_type, Event, JsonObject, WorkspaceError};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// Parses JSON text; the error is the browser's message.
pub fn parse(text: &str) -> Result<JsValue, String> {
    JSON::parse(text).map_err(|error| match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "not valid JSON".to_string(),
    })
}

/// A stored event, as `workspace::Event::from_json` reads it natively.
pub fn decode_event(text: &str) -> Result<Event, WorkspaceError> {
    let value = parse(text).map_err(|e| WorkspaceError::Damaged(format!("event: {e}")))?;
    Event::decode(&value)
}

/// Stored records; `first` numbers the first one in the error for a
/// damaged record.
pub fn decode_events(raw: &[String], first: u64) -> Result<Vec<Event>, String> {
    raw.iter()
        .zip(first..)
        .map(|(value, seq)| match Event::from_canonical(value) {
            Some(event) => Ok(event),
            None => decode_event(value).map_err(|e| format!("event {seq}: {e}")),
        })
        .collect()
}

/// A workspace file, as `workspace::import` reads it natively.
pub fn import(text: &str) -> Result<(World, Vec<String>), WorkspaceError> {
    workspace::import_document(&workspace_document(text)?)
}

/// A workspace file's import, to be checked a slice at a time.
pub fn start_import(text: &str, with_output: usize) -> Result<workspace::Import, WorkspaceError> {
    workspace::Import::start(&workspace_document(text)?, with_output)
}

/// A workspace file within the size limit, parsed.
fn workspace_document(text: &str) -> Result<JsValue, WorkspaceError> {
    workspace::check_file_size(text.len())?;
    parse(text).map_err(WorkspaceError::NotJson)
}

/// A field that is present and not null.
fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsValue::from_str(name)).ok().filter(|value| !value.is_undefined() && !value.is_null())
}

impl JsonObject for JsValue {
    fn string(&self, name: &str) -> Result<Option<String>, WorkspaceError> {
        match field(self, name) {
            None => Ok(None),
            Some(value) => value.as_string().map(Some).ok_or_else(|| wrong_type(name, "a string")),
        }
    }

    fn number(&self, name: &str) -> Result<Option<u32>, WorkspaceError> {
        match field(self, name) {
            None => Ok(None),
            Some(value) => value
                .as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
                .map(|n| Some(n as u32))
                .ok_or_else(|| wrong_type(name, "a whole number")),
        }
    }

    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, WorkspaceError> {
        match field(self, name) {
            None => Ok(None),
            Some(value) if Array::is_array(&value) => Array::from(&value)
                .iter()
                .map(|item| item.as_string().ok_or_else(|| wrong_type(name, "a list of strings")))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(wrong_type(name, "a list of strings")),
        }
    }

    fn object(&self, name: &str) -> Option<Self> {
        field(self, name).filter(|value| value.is_object() && !Array::is_array(value))
    }
}
