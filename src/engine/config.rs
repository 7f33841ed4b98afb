//! Config vars: validation rules and the per-app store of snapshots.
//!
//! Every release points at a snapshot. Snapshots are persistent maps, so a
//! release that changes one var shares every other entry with its parent,
//! and releases that change no config share the whole snapshot. On disk a
//! snapshot is written as a delta against its parent.

use imbl::OrdMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Keys and values are `Arc<str>`: copying a map node on write then bumps
/// reference counts instead of copying every string in it.
pub type ConfigVars = OrdMap<Arc<str>, Arc<str>>;

/// "Config var data (the combination of all keys and values) cannot exceed
/// 32kb for each app." (Dev Center, config-vars)
pub const CONFIG_LIMIT_BYTES: usize = 32 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    BadCharacters,
    ReservedHerokuPrefix,
    ReservedDoubleUnderscore,
}

/// Checks a key that a user wants to set, by the rules of a world of
/// `schema`: the original rules refused `HEROKU_` and `__` keys; Heroku
/// documents them as reserved but sets them (`reserved` names them).
pub fn check_key(key: &str, schema: u32) -> Result<(), KeyProblem> {
    if key.is_empty() {
        return Err(KeyProblem::Empty);
    }
    if !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(KeyProblem::BadCharacters);
    }
    match reserved(key) {
        Some(problem) if schema < super::world::schema::API_ORACLE => Err(problem),
        _ => Ok(()),
    }
}

/// A key in a namespace Heroku reserves: "should not begin with HEROKU_
/// unless it is set by the Heroku platform itself", nor with `__`.
pub fn reserved(key: &str) -> Option<KeyProblem> {
    if key.starts_with("HEROKU_") {
        Some(KeyProblem::ReservedHerokuPrefix)
    } else if key.starts_with("__") {
        Some(KeyProblem::ReservedDoubleUnderscore)
    } else {
        None
    }
}

/// Index of a snapshot in an app's [`ConfigStore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SnapshotId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Snapshot {
    base: Option<SnapshotId>,
    vars: ConfigVars,
    /// Bytes of all keys and values, kept so the 32 kB check never walks the map.
    bytes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigStore {
    snapshots: Vec<Snapshot>,
}

impl Default for ConfigStore {
    fn default() -> Self {
        ConfigStore { snapshots: vec![Snapshot { base: None, vars: ConfigVars::new(), bytes: 0 }] }
    }
}

/// A set of changes to apply on top of a snapshot: `Some` sets, `None` removes.
pub type ConfigPatch = Vec<(String, Option<String>)>;

impl ConfigStore {
    pub const EMPTY: SnapshotId = SnapshotId(0);

    pub fn vars(&self, id: SnapshotId) -> &ConfigVars {
        &self.snapshot(id).vars
    }

    pub fn bytes(&self, id: SnapshotId) -> usize {
        self.snapshot(id).bytes
    }

    fn snapshot(&self, id: SnapshotId) -> &Snapshot {
        // Ids are only minted by `derive`, so they are always in range.
        &self.snapshots[id.0 as usize]
    }

    /// The size the snapshot would have after `patch`, without building it
    /// (a replay checks every `config:set` this way).
    pub fn bytes_after(&self, base: SnapshotId, patch: &ConfigPatch) -> usize {
        let vars = self.vars(base);
        let mut bytes = self.bytes(base);
        for (at, (key, value)) in patch.iter().enumerate() {
            // The patch applies in order, so a key's last entry is what stays.
            if patch[at + 1..].iter().any(|(later, _)| later == key) {
                continue;
            }
            let entry = |value: &str| key.len() + value.len();
            // `old` is part of `bytes`, so this never underflows.
            bytes = bytes - vars.get(key.as_str()).map_or(0, |old| entry(old)) + value.as_deref().map_or(0, entry);
        }
        bytes
    }

    /// True when `patch` would change nothing.
    pub fn is_noop(&self, base: SnapshotId, patch: &ConfigPatch) -> bool {
        let vars = self.vars(base);
        patch.iter().all(|(key, value)| vars.get(key.as_str()).map(|v| &**v) == value.as_deref())
    }

    /// A new snapshot: `base` with `patch` applied. Shares structure with `base`.
    pub fn derive(&mut self, base: SnapshotId, patch: &ConfigPatch) -> SnapshotId {
        let mut vars = self.vars(base).clone();
        let mut bytes = self.bytes(base);
        apply_patch(&mut vars, &mut bytes, patch);
        self.snapshots.push(Snapshot { base: Some(base), vars, bytes });
        SnapshotId((self.snapshots.len() - 1) as u32)
    }

    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }
}

fn apply_patch(vars: &mut ConfigVars, bytes: &mut usize, patch: &ConfigPatch) {
    for (key, value) in patch {
        let old = match value {
            Some(value) => {
                *bytes += key.len() + value.len();
                vars.insert(Arc::from(key.as_str()), Arc::from(value.as_str()))
            }
            None => vars.remove(key.as_str()),
        };
        if let Some(old) = old {
            *bytes -= key.len() + old.len();
        }
    }
}

/// On disk: each snapshot as the delta from its base.
#[derive(Serialize, Deserialize)]
struct StoredSnapshot {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    base: Option<SnapshotId>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    set: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    unset: Vec<String>,
}

impl Serialize for ConfigStore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stored: Vec<StoredSnapshot> = self
            .snapshots
            .iter()
            .map(|snapshot| {
                let empty = ConfigVars::new();
                let base_vars = snapshot.base.map(|b| self.vars(b)).unwrap_or(&empty);
                let mut set = BTreeMap::new();
                let mut unset = Vec::new();
                for (key, value) in snapshot.vars.iter() {
                    if base_vars.get(key) != Some(value) {
                        set.insert(key.to_string(), value.to_string());
                    }
                }
                for key in base_vars.keys() {
                    if !snapshot.vars.contains_key(key) {
                        unset.push(key.to_string());
                    }
                }
                StoredSnapshot { base: snapshot.base, set, unset }
            })
            .collect();
        stored.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ConfigStore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = Vec::<StoredSnapshot>::deserialize(deserializer)?;
        let mut store = ConfigStore { snapshots: Vec::with_capacity(stored.len()) };
        for (index, entry) in stored.into_iter().enumerate() {
            let (mut vars, mut bytes) = match entry.base {
                Some(base) if (base.0 as usize) < index => {
                    let parent = &store.snapshots[base.0 as usize];
                    (parent.vars.clone(), parent.bytes)
                }
                Some(base) => {
                    return Err(serde::de::Error::custom(format!(
                        "config snapshot {index} names base {} that does not precede it",
                        base.0
                    )))
                }
                None => (ConfigVars::new(), 0),
            };
            let patch: ConfigPatch = entry
                .set
                .into_iter()
                .map(|(k, v)| (k, Some(v)))
                .chain(entry.unset.into_iter().map(|k| (k, None)))
                .collect();
            apply_patch(&mut vars, &mut bytes, &patch);
            store.snapshots.push(Snapshot { base: entry.base, vars, bytes });
        }
        if store.snapshots.is_empty() {
            return Err(serde::de::Error::custom("config store has no snapshots"));
        }
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_dev_center_rules() {
        use crate::engine::world::schema::{API_ORACLE, ORIGINAL};
        for schema in [ORIGINAL, API_ORACLE] {
            assert_eq!(check_key("RACK_ENV", schema), Ok(()));
            assert_eq!(check_key("lower_case_9", schema), Ok(()));
            assert_eq!(check_key("FOO-BAR", schema), Err(KeyProblem::BadCharacters));
            assert_eq!(check_key("a.b", schema), Err(KeyProblem::BadCharacters));
            assert_eq!(check_key("", schema), Err(KeyProblem::Empty));
        }
        // Reserved namespaces were refused; Heroku only asks users not to use them.
        assert_eq!(check_key("HEROKU_APP_NAME", ORIGINAL), Err(KeyProblem::ReservedHerokuPrefix));
        assert_eq!(check_key("__X", ORIGINAL), Err(KeyProblem::ReservedDoubleUnderscore));
        assert_eq!(check_key("HEROKU_APP_NAME", API_ORACLE), Ok(()));
        assert_eq!(check_key("__X", API_ORACLE), Ok(()));
        assert_eq!(reserved("HEROKU_APP_NAME"), Some(KeyProblem::ReservedHerokuPrefix));
        assert_eq!(reserved("__X"), Some(KeyProblem::ReservedDoubleUnderscore));
        assert_eq!(reserved("MY_HEROKU_X"), None);
    }

    #[test]
    fn snapshots_track_size_and_round_trip_as_deltas() {
        let mut store = ConfigStore::default();
        let a = store.derive(ConfigStore::EMPTY, &vec![("A".into(), Some("1".into())), ("B".into(), Some("22".into()))]);
        let b = store.derive(a, &vec![("A".into(), None), ("C".into(), Some("333".into()))]);
        assert_eq!(store.bytes(a), 2 + 3);
        assert_eq!(store.bytes(b), 3 + 4);
        assert!(store.is_noop(b, &vec![("C".into(), Some("333".into())), ("A".into(), None)]));
        let json = serde_json::to_string(&store).expect("serialise");
        assert_eq!(json, r#"[{},{"base":0,"set":{"A":"1","B":"22"}},{"base":1,"set":{"C":"333"},"unset":["A"]}]"#);
        let back: ConfigStore = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, store);
    }
}
