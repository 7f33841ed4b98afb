//! Seeded randomness: ids, add-on names and sizes come from here, so the
//! same seed and the same commands always give the same world.

use serde::{Deserialize, Serialize};

/// SplitMix64: tiny, fast, and stable across platforms and releases,
/// which a library RNG would not promise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

pub const DEFAULT_SEED: u64 = 1;

impl Rng {
    pub fn seeded(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (bound > 0); the tiny modulo bias is irrelevant here.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    pub fn hex(&mut self, len: usize) -> String {
        let mut out = String::with_capacity(len);
        while out.len() < len {
            // `{:016x}`, without the formatter: every release and commit id comes through here.
            let n = self.next_u64();
            out.extend((0..16).rev().map(|digit| char::from(b"0123456789abcdef"[(n >> (digit * 4)) as usize & 0xf])));
        }
        out.truncate(len);
        out
    }

    /// A random (version 4 layout) UUID.
    pub fn uuid(&mut self) -> String {
        let hex = self.hex(32);
        // As `format!("{}-{}-4{}-a{}-{}", …)` writes it, without the formatter.
        let mut id = String::with_capacity(36);
        for piece in [&hex[0..8], "-", &hex[8..12], "-4", &hex[13..16], "-a", &hex[17..20], "-", &hex[20..32]] {
            id.push_str(piece);
        }
        id
    }
}

/// A name-based UUID, so that a user's id does not depend on when they first acted.
pub fn uuid_from_name(name: &str) -> String {
    let hex = super::sha1::hex(name.as_bytes());
    format!("{}-{}-5{}-8{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

const ADJECTIVES: &[&str] = &[
    "severe", "floating", "shrouded", "cryptic", "curly", "flexible", "swiftly", "tapered", "contoured",
    "radiant", "quiet", "ancient", "polar", "sharp", "rugged", "gentle", "hidden", "lively",
];
const NOUNS: &[&str] = &[
    "mountain", "dragon", "retreat", "gorge", "hollows", "meadow", "harbor", "forest", "river",
    "canyon", "island", "summit", "valley", "glacier", "prairie", "lagoon",
];

/// A Heroku-style generated app name, e.g. `severe-mountain-793`.
pub fn app_name(rng: &mut Rng) -> String {
    let adjective = rng.pick(ADJECTIVES);
    let noun = rng.pick(NOUNS);
    format!("{adjective}-{noun}-{}", 100 + rng.below(900))
}

/// A Heroku-style add-on resource name, e.g. `postgresql-curly-33328`.
pub fn addon_name(rng: &mut Rng, prefix: &str) -> String {
    let adjective = rng.pick(ADJECTIVES);
    format!("{prefix}-{adjective}-{}", 10_000 + rng.below(90_000))
}
