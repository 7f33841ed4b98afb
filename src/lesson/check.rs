//! A goal's check: one line of a small language, read against the `World`
//! (and, for the few goals about asking the right question, the commands
//! the learner ran). Written in a lesson file between backquotes:
//!
//! ```text
//! [not] app APP exists
//! [not] releases APP >= N
//! [not] release APP WHICH is KIND [to vM]      KIND: deploy config addon provider rollback retry initial
//! [not] release APP WHICH runs vM              the same slug or image as vM
//! [not] release APP WHICH status STATUS        pending succeeded failed expired
//! [not] release APP WHICH commit ~ TEXT        the deployed commit's message contains TEXT
//!       WHICH: current, latest, vN, or any (some release of the app)
//! [not] config APP KEY = VALUE | config APP KEY set | config APP KEY unset
//! [not] addon APP SERVICE|ADDON                an add-on of that service, or that add-on, is attached to APP
//! [not] style modern|classic
//! [not] policy APP fir-2024|all-2025|unlimited
//! [not] ran PROGRAM COMMAND [FLAGS…] [ARGS…]   the learner ran it and it succeeded
//! [not] refused PROGRAM COMMAND [FLAGS…] [ARGS…]   the learner ran it and Heroku refused it
//! ```
//!
//! Words are split like a command line, so values may be quoted. In `ran`
//! and `refused`, aliases and short flags count as their command and long
//! flag, and a flag value `*` matches any value.

use crate::cli::commands::{self, CommandSpec, Program};
use crate::cli::{args, lexer, ErrorKind, Output};
use crate::engine::release::{Change, Kind, Release, Status, Style};
use crate::engine::retention::RetentionPolicy;
use crate::engine::app::App;
use crate::engine::World;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Not(Box<Check>),
    AppExists { app: String },
    ReleaseCount { app: String, at_least: u32 },
    Release { app: String, which: Which, fact: ReleaseFact },
    Config { app: String, key: String, want: ConfigWant },
    Addon { app: String, service: String },
    Style(Style),
    Policy { app: String, policy: RetentionPolicy },
    Ran(Asked),
    Refused(Asked),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Current,
    Latest,
    Version(u32),
    Any,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReleaseFact {
    /// Its kind, and for a rollback or retry, which version it copied.
    Is { kind: Kind, target: Option<u32> },
    /// Runs the same slug or image as that version.
    Runs(u32),
    Status(Status),
    CommitContains(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigWant {
    Equals(String),
    Set,
    Unset,
}

/// A command the learner should have run: its spec and the flags and
/// arguments it must have had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    pub spec: &'static CommandSpec,
    pub args: args::Args,
}

/// The kinds' names in checks.
const KINDS: [(&str, Kind); 7] = [
    ("deploy", Kind::Deploy),
    ("config", Kind::Config),
    ("addon", Kind::Addon),
    ("provider", Kind::Provider),
    ("rollback", Kind::Rollback),
    ("retry", Kind::Retry),
    ("initial", Kind::Initial),
];

fn version(word: &str) -> Option<u32> {
    word.strip_prefix('v').and_then(|n| n.parse().ok()).filter(|&n| n > 0)
}

fn status(word: &str) -> Option<Status> {
    [Status::Pending, Status::Succeeded, Status::Failed, Status::Expired].into_iter().find(|s| s.as_str() == word)
}

impl Check {
    /// Reads a check; the error says what was expected.
    pub fn parse(text: &str) -> Result<Check, String> {
        let words = lexer::split(text).map_err(|e| e.message())?;
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        Check::from_words(&words)
    }

    fn from_words(words: &[&str]) -> Result<Check, String> {
        let owned = |s: &str| s.to_string();
        Ok(match words {
            ["not", rest @ ..] => Check::Not(Box::new(Check::from_words(rest)?)),
            ["app", app, "exists"] => Check::AppExists { app: owned(app) },
            ["releases", app, ">=", n] => Check::ReleaseCount { app: owned(app), at_least: n.parse().map_err(|_| format!("{n} is not a number of releases"))? },
            ["release", app, which, fact @ ..] => {
                let which = match *which {
                    "current" => Which::Current,
                    "latest" => Which::Latest,
                    "any" => Which::Any,
                    other => Which::Version(version(other).ok_or_else(|| format!("{other} is not current, latest, any or a version like v3"))?),
                };
                let fact = match fact {
                    ["is", kind, rest @ ..] => {
                        let kind = KINDS.iter().find(|(name, _)| name == kind).map(|(_, k)| *k).ok_or_else(|| format!("{kind} is not a kind of release (deploy, config, addon, provider, rollback, retry, initial)"))?;
                        let target = match rest {
                            [] => None,
                            ["to" | "of", v] => Some(version(v).ok_or_else(|| format!("{v} is not a version like v3"))?),
                            _ => return Err("expected `to vN` after the kind".into()),
                        };
                        ReleaseFact::Is { kind, target }
                    }
                    ["runs", v] => ReleaseFact::Runs(version(v).ok_or_else(|| format!("{v} is not a version like v3"))?),
                    ["status", s] => ReleaseFact::Status(status(s).ok_or_else(|| format!("{s} is not a status (pending, succeeded, failed, expired)"))?),
                    ["commit", "~", text] => ReleaseFact::CommitContains(owned(text)),
                    _ => return Err("expected `is KIND`, `runs vN`, `status STATUS` or `commit ~ TEXT` after the release".into()),
                };
                Check::Release { app: owned(app), which, fact }
            }
            ["config", app, key, "=", value] => Check::Config { app: owned(app), key: owned(key), want: ConfigWant::Equals(owned(value)) },
            ["config", app, key, "set"] => Check::Config { app: owned(app), key: owned(key), want: ConfigWant::Set },
            ["config", app, key, "unset"] => Check::Config { app: owned(app), key: owned(key), want: ConfigWant::Unset },
            ["addon", app, service] => Check::Addon { app: owned(app), service: owned(service) },
            ["style", style] => Check::Style(Style::parse(style).ok_or_else(|| format!("{style} is not a style (modern, classic)"))?),
            ["policy", app, policy] => Check::Policy { app: owned(app), policy: RetentionPolicy::parse(policy).ok_or_else(|| format!("{policy} is not a retention policy (fir-2024, all-2025, unlimited)"))? },
            ["ran", command @ ..] => Check::Ran(Asked::parse(command)?),
            ["refused", command @ ..] => Check::Refused(Asked::parse(command)?),
            _ => return Err("not a check: it starts with not, app, releases, release, config, addon, style, policy, ran or refused".into()),
        })
    }

    /// Whether the check reads the learner's lines rather than the world.
    pub fn reads_lines(&self) -> bool {
        match self {
            Check::Not(check) => check.reads_lines(),
            Check::Ran(_) | Check::Refused(_) => true,
            _ => false,
        }
    }

    /// Whether the check holds for `world`, after the learner ran `ran`
    /// (each line with its output).
    pub fn holds(&self, world: &World, ran: &[(String, Output)]) -> bool {
        match self {
            Check::Not(check) => !check.holds(world, ran),
            Check::AppExists { app } => world.app(app).is_ok(),
            Check::ReleaseCount { app, at_least } => world.app(app).is_ok_and(|a| a.releases.len() as u32 >= *at_least),
            Check::Release { app, which, fact } => {
                let Ok(app) = world.app(app) else { return false };
                let release = match which {
                    Which::Current => app.current_release(),
                    Which::Latest => app.latest(),
                    Which::Version(v) => app.release(*v),
                    Which::Any => return app.releases.iter().any(|release| fact.holds(app, release)),
                };
                release.is_some_and(|release| fact.holds(app, release))
            }
            Check::Config { app, key, want } => {
                let Ok(app) = world.app(app) else { return false };
                let value = app.config_vars().get(key.as_str());
                match want {
                    ConfigWant::Equals(expected) => value.is_some_and(|v| **v == **expected),
                    ConfigWant::Set => value.is_some(),
                    ConfigWant::Unset => value.is_none(),
                }
            }
            Check::Addon { app, service } => world.addons.iter().any(|addon| (&addon.service == service || &addon.name == service) && addon.attachments_on(app).next().is_some()),
            Check::Style(style) => world.style == *style,
            Check::Policy { app, policy } => world.app(app).is_ok_and(|a| a.retention == *policy),
            Check::Ran(asked) => ran.iter().any(|(line, output)| output.ok && asked.matches(line)),
            Check::Refused(asked) => ran.iter().any(|(line, output)| {
                let refused = output.effect.failure.as_ref().is_some_and(|f| !matches!(f.kind, ErrorKind::Usage | ErrorKind::UnknownCommand));
                refused && asked.matches(line)
            }),
        }
    }
}

impl ReleaseFact {
    fn holds(&self, app: &App, release: &Release) -> bool {
        match self {
            ReleaseFact::Is { kind, target } => release.change.kind() == *kind && target.is_none_or(|t| copied_from(release) == Some(t)),
            ReleaseFact::Runs(v) => release.artifact.is_some() && app.release(*v).is_some_and(|other| other.artifact == release.artifact),
            ReleaseFact::Status(status) => release.status == *status,
            ReleaseFact::CommitContains(text) => {
                let Some(artifact) = release.artifact else { return false };
                let sha = &app.artifact(artifact).commit;
                app.repo.commits.iter().any(|c| &c.sha == sha && c.message.contains(text.as_str()))
            }
        }
    }
}

fn copied_from(release: &Release) -> Option<u32> {
    match release.change {
        Change::Rollback { target } => Some(target),
        Change::Retry { of, .. } => Some(of),
        _ => None,
    }
}

impl Asked {
    fn parse(words: &[&str]) -> Result<Asked, String> {
        let [program, name, rest @ ..] = words else { return Err("expected a program and a command, like `heroku releases`".into()) };
        let program = match *program {
            "heroku" => Program::Heroku,
            "git" => Program::Git,
            "sim" => Program::Sim,
            other => return Err(format!("{other} is not heroku, git or sim")),
        };
        let spec = commands::lookup(program, name).ok_or_else(|| format!("{program} {name} is not a command", program = program.name()))?;
        let rest: Vec<String> = rest.iter().map(|w| w.to_string()).collect();
        // Positionals may be fewer than the command needs: only those given must match.
        let args = args::parse_partial(spec, &rest).map_err(|e| e.replace('\n', " "))?;
        Ok(Asked { spec, args })
    }

    fn matches(&self, line: &str) -> bool {
        let Ok(words) = lexer::split(line) else { return false };
        let program = match words.first().map(String::as_str) {
            Some("heroku") => Program::Heroku,
            Some("git") => Program::Git,
            Some("sim") => Program::Sim,
            _ => return false,
        };
        let Some(name) = words.get(1) else { return false };
        if program != self.spec.program || commands::lookup(program, name).is_none_or(|spec| spec.name != self.spec.name) {
            return false;
        }
        let Ok(given) = args::parse(self.spec, &words[2..]) else { return false };
        let flags_match = self.args.flags().all(|(flag, value)| match value {
            None | Some("*") => given.has(flag),
            Some(value) => given.value(flag) == Some(value),
        });
        flags_match && self.args.positionals.iter().zip(&given.positionals).filter(|(a, b)| a == b).count() == self.args.positionals.len()
    }
}
