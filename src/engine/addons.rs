//! Add-ons: the built-in catalogue, provisioned resources and their attachments.

use super::rng::Rng;
use super::world::schema;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: &'static str,
    /// Monthly price in cents; 0 is free.
    pub cents: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    pub name: &'static str,
    /// Prefix of resource names, e.g. `postgresql` in `postgresql-curly-33328`.
    pub resource_prefix: &'static str,
    /// Attachment name used when none is given and it is free on the app.
    pub default_attachment: &'static str,
    /// Config var suffixes each attachment gets: `DATABASE` + `URL` = `DATABASE_URL`.
    pub var_suffixes: &'static [&'static str],
    /// Provisioned in the background (the app restarts when it completes)
    /// in worlds of this schema and later (`engine::world::schema`); `None`: never.
    pub background_since: Option<u32>,
    /// What the provider says while it provisions (the API's `provision_message`).
    pub provision_message: Option<&'static str>,
    /// Seconds of simulated time background provisioning takes.
    pub provision_secs: i64,
    pub plans: &'static [Plan],
}

impl Service {
    /// Whether a world of `schema` provisions this service in the background.
    pub fn in_background(&self, schema: u32) -> bool {
        self.background_since.is_some_and(|since| schema >= since)
    }

    pub fn plan(&self, name: &str) -> Option<&'static Plan> {
        self.plans.iter().find(|p| p.name == name)
    }

    pub fn plan_names(&self) -> Vec<String> {
        self.plans.iter().map(|p| format!("{}:{}", self.name, p.name)).collect()
    }

    /// A fresh credential value for a var suffix.
    pub fn credential(&self, suffix: &str, rng: &mut Rng) -> String {
        match (self.name, suffix) {
            ("heroku-postgresql", _) => format!(
                "postgres://u{}:p{}@c{}.cluster.compute-1.amazonaws.com:5432/d{}",
                rng.hex(12),
                rng.hex(24),
                rng.hex(8),
                rng.hex(12)
            ),
            ("heroku-redis", _) => format!("rediss://:p{}@ec2-{}.compute-1.amazonaws.com:{}", rng.hex(24), rng.hex(6), 10_000 + rng.below(20_000)),
            _ => rng.hex(32),
        }
    }
}

pub const CATALOGUE: &[Service] = &[
    Service {
        name: "heroku-postgresql",
        resource_prefix: "postgresql",
        default_attachment: "DATABASE",
        var_suffixes: &["URL"],
        background_since: Some(schema::ORIGINAL),
        provision_message: Some("Database should be available soon"),
        provision_secs: 3 * 60,
        plans: &[
            Plan { name: "essential-0", cents: 500 },
            Plan { name: "essential-1", cents: 900 },
            Plan { name: "essential-2", cents: 2000 },
            Plan { name: "standard-0", cents: 5000 },
            Plan { name: "premium-0", cents: 20000 },
        ],
    },
    Service {
        name: "heroku-redis",
        resource_prefix: "redis",
        default_attachment: "REDIS",
        var_suffixes: &["URL"],
        // Heroku Redis provisions in the background too; the original
        // rules made it at once.
        background_since: Some(schema::API_ORACLE),
        provision_message: Some("Your add-on should be available in a few minutes."),
        provision_secs: 2 * 60,
        plans: &[
            Plan { name: "mini", cents: 300 },
            Plan { name: "premium-0", cents: 1500 },
            Plan { name: "premium-1", cents: 3000 },
        ],
    },
    Service {
        name: "papertrail",
        resource_prefix: "papertrail",
        default_attachment: "PAPERTRAIL",
        var_suffixes: &["API_TOKEN"],
        background_since: None,
        provision_message: None,
        provision_secs: 0,
        plans: &[Plan { name: "choklad", cents: 0 }, Plan { name: "fixa", cents: 700 }, Plan { name: "volmar", cents: 1800 }],
    },
    Service {
        name: "scheduler",
        resource_prefix: "scheduler",
        default_attachment: "SCHEDULER",
        var_suffixes: &[],
        background_since: None,
        provision_message: None,
        provision_secs: 0,
        plans: &[Plan { name: "standard", cents: 0 }],
    },
];

pub fn service(name: &str) -> Option<&'static Service> {
    CATALOGUE.iter().find(|s| s.name == name)
}

/// Colours Heroku uses for alternate Postgres attachment names.
pub const ALIAS_COLOURS: &[&str] = &["AMBER", "BLACK", "BLUE", "BRONZE", "CHARCOAL", "COBALT", "CRIMSON", "GOLD", "GRAY", "GREEN", "IVORY", "NAVY", "OLIVE", "ORANGE", "PINK", "PURPLE", "RED", "SILVER", "TEAL", "WHITE", "YELLOW"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AddonState {
    Provisioning,
    Provisioned,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub app: String,
    /// As given (`--as foo` keeps `foo`); vars use the upper-cased form.
    pub name: String,
}

impl Attachment {
    pub fn var_names(&self, service: &Service) -> Vec<String> {
        var_names(&self.name, service)
    }
}

pub fn var_names(attachment: &str, service: &Service) -> Vec<String> {
    let upper = attachment.to_ascii_uppercase();
    service.var_suffixes.iter().map(|suffix| format!("{upper}_{suffix}")).collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addon {
    pub id: String,
    pub name: String,
    pub service: String,
    pub plan: String,
    /// The app that owns (and is billed for) the add-on.
    pub app: String,
    pub state: AddonState,
    pub attachments: Vec<Attachment>,
    /// Current credential per var suffix, in `service.var_suffixes` order.
    pub credentials: Vec<String>,
    pub created_by: String,
    /// When background provisioning completes; `None` once provisioned.
    pub ready_at: Option<super::time::Timestamp>,
}

impl Addon {
    pub fn service(&self) -> &'static Service {
        // Add-ons are only created from catalogue services, and imports are validated.
        service(&self.service).unwrap_or(&CATALOGUE[0])
    }

    pub fn plan_name(&self) -> String {
        format!("{}:{}", self.service, self.plan)
    }

    pub fn cents(&self) -> u32 {
        self.service().plan(&self.plan).map(|p| p.cents).unwrap_or(0)
    }

    /// The config vars an attachment of this add-on gives an app.
    pub fn vars_for(&self, attachment: &str) -> Vec<(String, String)> {
        var_names(attachment, self.service()).into_iter().zip(self.credentials.iter().cloned()).collect()
    }

    pub fn attachments_on<'a>(&'a self, app: &'a str) -> impl Iterator<Item = &'a Attachment> + 'a {
        self.attachments.iter().filter(move |a| a.app == app)
    }
}

/// `~$0.007/hour`, using Heroku's standard 720 hours a month.
pub fn price_hourly(cents: u32) -> String {
    if cents == 0 {
        return "free".to_string();
    }
    // Thousandths of a dollar, rounded half up; integers keep float
    // formatting out of the browser build.
    let milli = (u64::from(cents) * 10 + 360) / 720;
    format!("~${}.{:03}/hour", milli / 1000, milli % 1000)
}

/// `$5/month` or `$5.50/month`.
pub fn price_monthly(cents: u32) -> String {
    if cents == 0 {
        return "free".to_string();
    }
    if cents.is_multiple_of(100) {
        format!("${}/month", cents / 100)
    } else {
        format!("${}.{:02}/month", cents / 100, cents % 100)
    }
}

/// `~$0.007/hour (max $5/month)`, or `free`.
pub fn price_text(cents: u32) -> String {
    if cents == 0 {
        return "free".to_string();
    }
    format!("{} (max {})", price_hourly(cents), price_monthly(cents))
}
