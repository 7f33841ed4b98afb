//! Tab completion for the terminal: a line in, the completed line and the
//! candidates out. Pure: it only reads the `World`, and knows commands and
//! flags from the command table.
//!
//! The word completed is the last one (the cursor is at the end of the
//! line); after whitespace it is a new, empty word. Words are read with the
//! lexer's rules, so a quoted or half-quoted last word completes on what it
//! says, and the completion is written back quoted with `compose::quote`.

use super::commands::{self, CommandSpec, FlagSpec, Program, COMMANDS};
use super::compose::quote;
use super::lexer;
use crate::engine::addons::CATALOGUE;
use crate::engine::app::{App, Generation};
use crate::engine::release::Style;
use crate::engine::retention::RetentionPolicy;
use crate::engine::World;

/// What Tab does to a line whose cursor is at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The line after Tab: the word under the cursor extended to the
    /// longest common prefix of the candidates, plus a space when exactly
    /// one candidate matched and it is a whole word (not `KEY=`).
    pub line: String,
    /// Every candidate when more than one matched (to list under the
    /// prompt); empty otherwise.
    pub candidates: Vec<String>,
}

/// The terminal's own command, next to the three programs and `help`.
pub const CLEAR: &str = "clear";

/// Completes the last word of `line`.
pub fn complete(world: &World, line: &str) -> Completion {
    let scan = lexer::scan(line);
    let mut words = scan.words;
    let (current, start) = match (scan.ends_in_word, words.pop()) {
        (true, Some(word)) => (word.text, word.start),
        (_, last) => {
            words.extend(last);
            (String::new(), line.len())
        }
    };
    let before: Vec<String> = words.into_iter().map(|w| w.text).collect();
    let mut matches: Vec<String> = Vec::new();
    for candidate in candidates(world, &before, &current) {
        if candidate.starts_with(current.as_str()) && !candidate.is_empty() && !matches.contains(&candidate) {
            matches.push(candidate);
        }
    }
    let unchanged = || Completion { line: line.to_string(), candidates: Vec::new() };
    let head = line.get(..start).unwrap_or(line);
    match matches.as_slice() {
        [] => unchanged(),
        [only] => {
            let space = if only.ends_with('=') { "" } else { " " };
            Completion { line: format!("{head}{}{space}", quote(only)), candidates: Vec::new() }
        }
        several => {
            let prefix = common_prefix(several);
            let line = if prefix.len() > current.len() { format!("{head}{}", quote(prefix)) } else { line.to_string() };
            Completion { line, candidates: matches }
        }
    }
}

/// The longest prefix all `words` share, on a character boundary.
fn common_prefix(words: &[String]) -> &str {
    let Some((first, rest)) = words.split_first() else { return "" };
    let mut end = first.len();
    for word in rest {
        end = first
            .char_indices()
            .zip(word.chars())
            .find(|((_, a), b)| a != b)
            .map(|((at, _), _)| at)
            .unwrap_or(first.len().min(word.len()))
            .min(end);
    }
    first.get(..end).unwrap_or("")
}

/// Everything that could stand where `current` is, before filtering by it.
fn candidates(world: &World, before: &[String], current: &str) -> Vec<String> {
    let Some((first, rest)) = before.split_first() else {
        let mut firsts: Vec<String> = [Program::Heroku, Program::Git, Program::Sim].iter().map(|p| p.name().to_string()).collect();
        firsts.extend(["help".to_string(), CLEAR.to_string()]);
        crate::cli::sort_small(&mut firsts, |a, b| a < b);
        return firsts;
    };
    let program = match first.as_str() {
        "heroku" => Program::Heroku,
        "git" => Program::Git,
        "sim" => Program::Sim,
        "help" => return help_topics(world, rest, current),
        _ => return Vec::new(),
    };
    let Some((name, arguments)) = rest.split_first() else {
        return command_names(world, program, current);
    };
    match commands::lookup(program, name) {
        Some(spec) => complete_arguments(world, spec, arguments, current),
        None => Vec::new(),
    }
}

/// Command names of `program`; aliases only when no name fits what is typed.
fn command_names(world: &World, program: Program, current: &str) -> Vec<String> {
    let specs = || COMMANDS.iter().filter(move |c| c.program == program && crate::cli::known_to(world, c.name));
    let mut names: Vec<String> = specs().map(|c| c.name.to_string()).filter(|n| n.starts_with(current)).collect();
    if names.is_empty() {
        names = specs().flat_map(|c| c.aliases.iter().map(|a| a.to_string())).collect();
    }
    crate::cli::sort_small(&mut names, |a, b| a < b);
    names
}

/// `help [heroku|git|sim] COMMAND`, as `help::help` reads it.
fn help_topics(world: &World, words: &[String], current: &str) -> Vec<String> {
    let topic: Vec<&str> = words.iter().map(String::as_str).filter(|w| *w != "heroku").collect();
    match topic.as_slice() {
        [] => {
            let mut names = command_names(world, Program::Heroku, current);
            names.extend(["git".to_string(), "sim".to_string()]);
            crate::cli::sort_small(&mut names, |a, b| a < b);
            names
        }
        ["git"] => command_names(world, Program::Git, current),
        ["sim"] => command_names(world, Program::Sim, current),
        _ => Vec::new(),
    }
}

/// The words after a command's name, read the way `args::parse` reads them.
struct Parsed<'a> {
    positionals: Vec<&'a str>,
    /// The last `-a`/`--app` value.
    app: Option<&'a str>,
    /// Long names of the flags already given.
    used: Vec<&'static str>,
    /// A flag whose value is the word being completed.
    awaiting: Option<&'static FlagSpec>,
    flags_ended: bool,
}

fn find_flag(spec: &'static CommandSpec, word: &str) -> Option<&'static FlagSpec> {
    if let Some(long) = word.strip_prefix("--") {
        return spec.flags.iter().find(|f| f.long == long);
    }
    let mut chars = word.strip_prefix('-')?.chars();
    let short = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    spec.flags.iter().find(|f| f.short == Some(short))
}

/// A flag as `args::parse` tells them: `-` alone and negative numbers are arguments.
fn is_flag(word: &str) -> bool {
    word != "-" && starts_flag(word)
}

/// The word being typed asks for flags from its first `-` on.
fn starts_flag(word: &str) -> bool {
    word.starts_with('-') && !(word.len() > 1 && word[1..].bytes().all(|b| b.is_ascii_digit()))
}

fn parse<'a>(spec: &'static CommandSpec, words: &'a [String]) -> Parsed<'a> {
    let mut parsed = Parsed { positionals: Vec::new(), app: None, used: Vec::new(), awaiting: None, flags_ended: false };
    let mut words = words.iter();
    while let Some(word) = words.next() {
        if parsed.flags_ended || !is_flag(word) {
            parsed.positionals.push(word);
            continue;
        }
        if word == "--" {
            parsed.flags_ended = true;
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (word.as_str(), None),
        };
        let Some(flag) = find_flag(spec, name) else { continue };
        parsed.used.push(flag.long);
        let value = match (flag.takes_value, inline) {
            (false, _) => continue,
            (true, Some(value)) => value,
            (true, None) => match words.next() {
                Some(value) => value.as_str(),
                None => {
                    parsed.awaiting = Some(flag);
                    continue;
                }
            },
        };
        if flag.long == "app" {
            parsed.app = Some(value);
        }
    }
    parsed
}

fn complete_arguments(world: &World, spec: &'static CommandSpec, words: &[String], current: &str) -> Vec<String> {
    let parsed = parse(spec, words);
    if let Some(flag) = parsed.awaiting {
        return flag_values(world, flag);
    }
    if !parsed.flags_ended && starts_flag(current) {
        if let Some((name, _)) = current.split_once('=').filter(|(name, _)| name.starts_with("--")) {
            return match find_flag(spec, name) {
                Some(flag) if flag.takes_value => flag_values(world, flag).into_iter().map(|v| format!("{name}={v}")).collect(),
                _ => Vec::new(),
            };
        }
        if !current.starts_with("--") && find_flag(spec, current).is_some() {
            // A whole short flag (`-a`): take it as it is.
            return vec![current.to_string()];
        }
        let mut flags: Vec<String> =
            spec.flags.iter().filter(|f| !parsed.used.contains(&f.long)).map(|f| format!("--{}", f.long)).collect();
        crate::cli::sort_small(&mut flags, |a, b| a < b);
        return flags;
    }
    positionals(world, spec, &parsed, current)
}

fn app_names(world: &World) -> Vec<String> {
    let mut names: Vec<String> = world.apps.iter().map(|a| a.name.clone()).collect();
    crate::cli::sort_small(&mut names, |a, b| a < b);
    names
}

fn addon_names(world: &World) -> Vec<String> {
    let mut names: Vec<String> = world.addons.iter().map(|a| a.name.clone()).collect();
    crate::cli::sort_small(&mut names, |a, b| a < b);
    names
}

fn flag_values(world: &World, flag: &FlagSpec) -> Vec<String> {
    match flag.long {
        "app" | "confirm" => app_names(world),
        "generation" => Generation::ALL.iter().map(|g| g.name().to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The app the line is about: `-a APP`, or the only app there is.
fn target_app<'w>(world: &'w World, parsed: &Parsed) -> Option<&'w App> {
    match parsed.app {
        Some(name) => world.app(name).ok(),
        None => match world.apps.as_slice() {
            [only] => Some(only),
            _ => None,
        },
    }
}

fn positionals(world: &World, spec: &CommandSpec, parsed: &Parsed, current: &str) -> Vec<String> {
    let index = parsed.positionals.len();
    let app = || target_app(world, parsed);
    let versions = || app().map(|a| (1..=a.releases.len()).rev().map(|v| format!("v{v}")).collect()).unwrap_or_default();
    let keys = || -> Vec<String> {
        let Some(app) = app() else { return Vec::new() };
        let given = |key: &str| parsed.positionals.iter().any(|p| p.split('=').next() == Some(key));
        app.config_vars().keys().map(|k| k.to_string()).filter(|k| !given(k)).collect()
    };
    match (spec.program, spec.name, index) {
        (Program::Heroku, "releases:info" | "releases:output" | "releases:rollback", 0) => versions(),
        (Program::Heroku, "releases:diff", 0 | 1) => versions(),
        (Program::Heroku, "config:get" | "config:unset", _) => keys(),
        (Program::Heroku, "config:set", _) => keys().into_iter().map(|k| format!("{k}=")).collect(),
        (Program::Heroku, "addons:attach" | "addons:destroy" | "addons:upgrade", 0) => addon_names(world),
        (Program::Heroku, "addons:upgrade", 1) => upgrade_plans(world, parsed.positionals.first().copied(), current),
        (Program::Heroku, "addons:detach", 0) => {
            let Some(app) = app() else { return Vec::new() };
            let mut names: Vec<String> =
                world.addons.iter().flat_map(|a| a.attachments_on(&app.name)).map(|a| a.name.clone()).collect();
            crate::cli::sort_small(&mut names, |a, b| a < b);
            names
        }
        (Program::Heroku, "addons:create", 0) => CATALOGUE.iter().flat_map(|s| s.plan_names()).collect(),
        (Program::Heroku, "apps:destroy" | "apps:info", 0) => app_names(world),
        (Program::Heroku, "help", _) => help_topics(world, &parsed.positionals.iter().map(|p| p.to_string()).collect::<Vec<_>>(), current),
        (Program::Git, "push", 0) => vec!["heroku".to_string()],
        (Program::Git, "push", 1) => vec!["main".to_string()],
        (Program::Git, "revert" | "log", 0) => {
            app().map(|a| a.repo.commits.iter().rev().map(|c| c.short().to_string()).collect()).unwrap_or_default()
        }
        (Program::Sim, "style", 0) => Style::ALL.iter().map(|s| s.name().to_string()).collect(),
        (Program::Sim, "retention", 0) => RetentionPolicy::ALL.iter().map(|p| p.name().to_string()).collect(),
        (Program::Sim, "fail", 0) => vec!["next-build".to_string(), "next-release".to_string()],
        (Program::Sim, "addon-update", 0) => addon_names(world),
        (Program::Sim, "release-phase", 0) => vec!["off".to_string()],
        _ => Vec::new(),
    }
}

/// The plans `addons:upgrade ADDON` can move to: bare plan names as the
/// usage shows them, or `SERVICE:PLAN` once no bare name fits what is typed.
/// The add-on's current plan is left out: the engine refuses it.
fn upgrade_plans(world: &World, addon: Option<&str>, current: &str) -> Vec<String> {
    let Some(addon) = addon.and_then(|name| world.addon(name).ok()) else { return Vec::new() };
    let service = addon.service();
    let plans = service.plans.iter().filter(|p| p.name != addon.plan);
    let bare: Vec<String> = plans.clone().map(|p| p.name.to_string()).collect();
    if bare.iter().any(|p| p.starts_with(current)) {
        return bare;
    }
    plans.map(|p| format!("{}:{}", service.name, p.name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli;

    /// Two apps; `shop` deployed, with config and two add-ons.
    fn world() -> World {
        let mut world = World::new();
        for line in [
            "heroku create shop",
            "heroku create shop-admin --generation fir",
            "git commit -m First -a shop",
            "git commit -m Second -a shop",
            "git push heroku main -a shop",
            "heroku config:set GREETING=hello GREETING_STYLE=loud 'MOTTO=it'\\''s fine' -a shop",
            "heroku addons:create heroku-redis:mini -a shop",
            "heroku addons:create papertrail:choklad --as LOGS -a shop",
        ] {
            let out = cli::run(&mut world, line);
            assert!(out.ok, "{line}: {:?}", out.lines);
        }
        world
    }

    fn addon(world: &World, service: &str) -> String {
        world.addons.iter().find(|a| a.service == service).map(|a| a.name.clone()).expect("add-on exists")
    }

    /// Tab on `line`: the line it gives and the candidates it lists.
    fn tab(world: &World, line: &str) -> (String, Vec<String>) {
        let completion = complete(world, line);
        (completion.line, completion.candidates)
    }

    fn listed(line: &str, candidates: &[&str]) -> (String, Vec<String>) {
        (line.to_string(), candidates.iter().map(|c| c.to_string()).collect())
    }

    fn single(line: &str) -> (String, Vec<String>) {
        (line.to_string(), Vec::new())
    }

    #[test]
    fn first_word() {
        let w = world();
        assert_eq!(tab(&w, ""), listed("", &["clear", "git", "help", "heroku", "sim"]));
        assert_eq!(tab(&w, "he"), listed("he", &["help", "heroku"]));
        assert_eq!(tab(&w, "her"), single("heroku "));
        assert_eq!(tab(&w, "  g"), single("  git "));
        assert_eq!(tab(&w, "cl"), single("clear "));
    }

    #[test]
    fn single_match_completes_with_a_space() {
        let w = world();
        assert_eq!(tab(&w, "heroku releases:i"), single("heroku releases:info "));
        assert_eq!(tab(&w, "heroku releases:info"), single("heroku releases:info "));
    }

    #[test]
    fn several_matches_extend_to_the_common_prefix_and_are_listed() {
        let w = world();
        assert_eq!(tab(&w, "heroku config:"), listed("heroku config:", &["config:get", "config:patch", "config:set", "config:unset"]));
        assert_eq!(
            tab(&w, "heroku addons:create heroku-r"),
            listed("heroku addons:create heroku-redis:", &["heroku-redis:mini", "heroku-redis:premium-0", "heroku-redis:premium-1"])
        );
    }

    #[test]
    fn no_match_leaves_the_line_alone() {
        let w = world();
        for line in ["heroku zzz", "frobnicate ", "heroku nosuch ", "git push heroku main ", "heroku releases -a nosuch --x", "clear "] {
            assert_eq!(tab(&w, line), single(line), "{line}");
        }
    }

    #[test]
    fn command_names_with_aliases_when_no_name_fits() {
        let w = world();
        assert_eq!(tab(&w, "heroku roll"), single("heroku rollback "));
        assert_eq!(tab(&w, "heroku cre"), single("heroku create "));
        assert_eq!(tab(&w, "git c"), single("git commit "));
        let (_, releases) = tab(&w, "heroku rel");
        assert_eq!(releases, ["releases", "releases:diff", "releases:info", "releases:output", "releases:retry", "releases:rollback"]);
        let mut sim: Vec<String> = COMMANDS.iter().filter(|c| c.program == Program::Sim).map(|c| c.name.to_string()).collect();
        sim.sort();
        assert_eq!(tab(&w, "sim ").1, sim);
        assert_eq!(tab(&w, "sim st"), listed("sim st", &["status", "style"]));
    }

    #[test]
    fn help_topics() {
        let w = world();
        assert_eq!(tab(&w, "help roll"), single("help rollback "));
        assert_eq!(tab(&w, "help releases:o"), single("help releases:output "));
        assert_eq!(tab(&w, "help si"), single("help sim "));
        assert_eq!(tab(&w, "help git re"), single("help git revert "));
        assert_eq!(tab(&w, "help sim ret"), single("help sim retention "));
        assert_eq!(tab(&w, "heroku help config:s"), single("heroku help config:set "));
        assert_eq!(tab(&w, "help rollback "), single("help rollback "));
    }

    #[test]
    fn flags_of_the_command() {
        let w = world();
        assert_eq!(tab(&w, "heroku releases -"), listed("heroku releases --", &["--app", "--help", "--json", "--num", "--remote"]));
        assert_eq!(tab(&w, "heroku releases --j"), single("heroku releases --json "));
        assert_eq!(tab(&w, "heroku releases -a shop --"), listed("heroku releases -a shop --", &["--help", "--json", "--num", "--remote"]));
        assert_eq!(tab(&w, "git commit --m"), single("git commit --message "));
        assert_eq!(tab(&w, "heroku releases -j"), single("heroku releases -j "));
        assert_eq!(tab(&w, "heroku releases:diff -- -"), single("heroku releases:diff -- -"));
    }

    #[test]
    fn flag_values() {
        let w = world();
        assert_eq!(tab(&w, "heroku releases -a "), listed("heroku releases -a shop", &["shop", "shop-admin"]));
        assert_eq!(tab(&w, "heroku releases --app shop-"), single("heroku releases --app shop-admin "));
        assert_eq!(tab(&w, "heroku releases --app=shop-"), single("heroku releases --app=shop-admin "));
        assert_eq!(tab(&w, "heroku create x --generation f"), single("heroku create x --generation fir "));
        assert_eq!(tab(&w, "heroku create x --generation "), listed("heroku create x --generation ", &["cedar", "fir"]));
        assert_eq!(tab(&w, "heroku apps:destroy shop-admin --confirm shop-"), single("heroku apps:destroy shop-admin --confirm shop-admin "));
        assert_eq!(tab(&w, "heroku addons:attach x --as "), single("heroku addons:attach x --as "));
        assert_eq!(tab(&w, "heroku releases --json=x"), single("heroku releases --json=x"));
    }

    #[test]
    fn release_versions_newest_first() {
        let w = world();
        let count = w.app("shop").map(|a| a.releases.len()).unwrap_or(0);
        let versions: Vec<String> = (1..=count).rev().map(|v| format!("v{v}")).collect();
        assert!(count >= 6);
        for line in ["heroku releases:info -a shop ", "heroku releases:output -a shop ", "heroku rollback -a shop ", "heroku releases:rollback -a shop ", "heroku releases:diff -a shop ", "heroku releases:diff -a shop v1 "] {
            assert_eq!(tab(&w, line), (format!("{line}v"), versions.clone()), "{line}");
        }
        assert_eq!(tab(&w, "heroku releases:info -a shop v2"), single("heroku releases:info -a shop v2 "));
        assert_eq!(tab(&w, "heroku releases:info -a shop-admin "), listed("heroku releases:info -a shop-admin v", &["v2", "v1"]));
        // Two apps and no -a: no app, so no versions.
        assert_eq!(tab(&w, "heroku releases:info "), single("heroku releases:info "));
        assert_eq!(tab(&w, "heroku rollback -a shop v1 "), single("heroku rollback -a shop v1 "));
    }

    #[test]
    fn the_only_app_is_the_app() {
        let mut w = World::new();
        assert!(cli::run(&mut w, "heroku create solo").ok);
        assert_eq!(tab(&w, "heroku releases:info "), listed("heroku releases:info v", &["v2", "v1"]));
        assert_eq!(tab(&w, "heroku apps:info "), single("heroku apps:info solo "));
    }

    #[test]
    fn config_keys() {
        let w = world();
        assert_eq!(
            tab(&w, "heroku config:get -a shop G"),
            listed("heroku config:get -a shop GREETING", &["GREETING", "GREETING_STYLE"])
        );
        assert_eq!(tab(&w, "heroku config:get -a shop M"), single("heroku config:get -a shop MOTTO "));
        assert_eq!(
            tab(&w, "heroku config:unset -a shop GREETING "),
            // REDIS_URL waits for Heroku Redis to finish provisioning.
            listed("heroku config:unset -a shop GREETING ", &["GREETING_STYLE", "LOGS_API_TOKEN", "MOTTO"])
        );
        assert_eq!(tab(&w, "heroku config:set -a shop GREETING_"), single("heroku config:set -a shop GREETING_STYLE="));
        assert_eq!(tab(&w, "heroku config:set -a shop GREETING=x GR"), single("heroku config:set -a shop GREETING=x GREETING_STYLE="));
        assert_eq!(tab(&w, "heroku config:set -a shop MOTTO=x"), single("heroku config:set -a shop MOTTO=x"));
    }

    #[test]
    fn addon_names_plans_and_attachments() {
        let w = world();
        let redis = addon(&w, "heroku-redis");
        let papertrail = addon(&w, "papertrail");
        let mut both = vec![redis.clone(), papertrail.clone()];
        both.sort();
        for command in ["heroku addons:attach", "heroku addons:destroy", "heroku addons:upgrade", "sim addon-update"] {
            let line = format!("{command} ");
            assert_eq!(tab(&w, &line).1, both, "{line}");
            assert_eq!(tab(&w, &format!("{command} {}", &redis[..4])), single(&format!("{command} {redis} ")));
        }
        assert_eq!(
            tab(&w, &format!("heroku addons:upgrade {redis} ")),
            listed(&format!("heroku addons:upgrade {redis} premium-"), &["premium-0", "premium-1"])
        );
        assert_eq!(
            tab(&w, &format!("heroku addons:upgrade {redis} heroku-redis:premium-1")),
            single(&format!("heroku addons:upgrade {redis} heroku-redis:premium-1 "))
        );
        assert_eq!(
            tab(&w, &format!("heroku addons:upgrade {papertrail} ")),
            listed(&format!("heroku addons:upgrade {papertrail} "), &["fixa", "volmar"])
        );
        assert_eq!(tab(&w, "heroku addons:upgrade nosuch "), single("heroku addons:upgrade nosuch "));
        assert_eq!(tab(&w, "heroku addons:detach -a shop "), listed("heroku addons:detach -a shop ", &["LOGS", "REDIS"]));
        assert_eq!(tab(&w, "heroku addons:detach -a shop-admin "), single("heroku addons:detach -a shop-admin "));
        let plans: Vec<String> = CATALOGUE.iter().flat_map(|s| s.plan_names()).collect();
        assert_eq!(tab(&w, "heroku addons:create ").1, plans);
        assert_eq!(tab(&w, "heroku addons:create sch"), single("heroku addons:create scheduler:standard "));
    }

    #[test]
    fn app_names() {
        let w = world();
        assert_eq!(tab(&w, "heroku apps:destroy "), listed("heroku apps:destroy shop", &["shop", "shop-admin"]));
        assert_eq!(tab(&w, "heroku apps:info shop-"), single("heroku apps:info shop-admin "));
        assert_eq!(tab(&w, "heroku info shop-"), single("heroku info shop-admin "));
    }

    #[test]
    fn git_arguments() {
        let w = world();
        assert_eq!(tab(&w, "git push "), single("git push heroku "));
        assert_eq!(tab(&w, "git push heroku "), single("git push heroku main "));
        assert_eq!(tab(&w, "git push -a shop heroku m"), single("git push -a shop heroku main "));
        let shorts: Vec<String> =
            w.app("shop").map(|a| a.repo.commits.iter().rev().map(|c| c.short().to_string()).collect()).unwrap_or_default();
        assert_eq!(shorts.len(), 2);
        for command in ["git log -a shop", "git revert -a shop", "git log --oneline -a shop"] {
            assert_eq!(tab(&w, &format!("{command} ")).1, shorts, "{command}");
        }
        assert_eq!(tab(&w, &format!("git revert -a shop {}", &shorts[1][..3])), single(&format!("git revert -a shop {} ", shorts[1])));
        assert_eq!(tab(&w, "git log -a shop-admin "), single("git log -a shop-admin "));
    }

    #[test]
    fn sim_arguments() {
        let w = world();
        assert_eq!(tab(&w, "sim style "), listed("sim style ", &["modern", "classic"]));
        assert_eq!(tab(&w, "sim style c"), single("sim style classic "));
        assert_eq!(tab(&w, "sim retention -a shop "), listed("sim retention -a shop ", &["fir-2024", "all-2025", "unlimited"]));
        assert_eq!(tab(&w, "sim retention u"), single("sim retention unlimited "));
        assert_eq!(tab(&w, "sim fail "), listed("sim fail next-", &["next-build", "next-release"]));
        assert_eq!(tab(&w, "sim fail next-r"), single("sim fail next-release "));
        assert_eq!(tab(&w, "sim release-phase "), single("sim release-phase off "));
        assert_eq!(tab(&w, "sim advance "), single("sim advance "));
    }

    #[test]
    fn quoted_and_unfinished_words() {
        let w = world();
        assert_eq!(tab(&w, "heroku config:get -a shop 'GREETING_S"), single("heroku config:get -a shop GREETING_STYLE "));
        assert_eq!(tab(&w, "heroku config:get -a shop \"MOT"), single("heroku config:get -a shop MOTTO "));
        assert_eq!(tab(&w, "heroku releases -a 'sh"), listed("heroku releases -a shop", &["shop", "shop-admin"]));
        assert_eq!(tab(&w, "heroku releases -a 'shop-admin' --j"), single("heroku releases -a 'shop-admin' --json "));
        assert_eq!(tab(&w, "'her"), single("heroku "));
        for line in ["git commit -m 'unfinished", "git commit -m \"a\\", "heroku config:set 'A=b c", "sim style \"x"] {
            assert_eq!(tab(&w, line), single(line), "{line}");
        }
        // A lone backslash or quote starts an empty word: everything is listed.
        assert_eq!(tab(&w, "heroku \\"), ("heroku \\".to_string(), command_names(&w, Program::Heroku, "")));
        assert_eq!(tab(&w, "'"), listed("'", &["clear", "git", "help", "heroku", "sim"]));
        assert_eq!(tab(&w, "sim style \""), listed("sim style \"", &["modern", "classic"]));
        assert_eq!(tab(&w, "sim style \"m"), single("sim style modern "));
    }

    #[test]
    fn completion_is_case_sensitive() {
        let w = world();
        assert_eq!(tab(&w, "HER"), single("HER"));
        assert_eq!(tab(&w, "heroku config:get -a shop g"), single("heroku config:get -a shop g"));
    }

    #[test]
    fn completion_never_changes_the_world() {
        let w = world();
        let before = w.clone();
        for line in ["", " ", "heroku ", "heroku config:set -a shop ", "git revert -a shop ", "sim fail ", "heroku addons:upgrade ", "'", "héroku ü"] {
            let _ = complete(&w, line);
        }
        assert_eq!(w, before);
    }

    #[test]
    fn common_prefix_stops_on_character_boundaries() {
        let words = ["aé1".to_string(), "aé2".to_string(), "aè".to_string()];
        assert_eq!(common_prefix(&words), "a");
        assert_eq!(common_prefix(&words[..2]), "aé");
        assert_eq!(common_prefix(&["ab".to_string(), "a".to_string()]), "a");
        assert_eq!(common_prefix(&[]), "");
    }
}
