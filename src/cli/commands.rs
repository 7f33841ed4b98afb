//! The command table: names, aliases, flags and help text. Parsing, `help`
//! and "did you mean" all read it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub takes_value: bool,
    pub help: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    Heroku,
    Git,
    Sim,
}

impl Program {
    pub fn name(self) -> &'static str {
        match self {
            Program::Heroku => "heroku",
            Program::Git => "git",
            Program::Sim => "sim",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    pub program: Program,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub usage: &'static str,
    pub summary: &'static str,
    /// Minimum and maximum positional arguments (`None`: no maximum).
    pub args: (usize, Option<usize>),
    pub arg_names: &'static [&'static str],
    pub flags: &'static [FlagSpec],
    /// Not a Heroku command: Release Lab's own.
    pub extension: bool,
}

const fn flag(long: &'static str, short: Option<char>, takes_value: bool, help: &'static str) -> FlagSpec {
    FlagSpec { long, short, takes_value, help }
}

const APP: FlagSpec = flag("app", Some('a'), true, "app to run command against");
const REMOTE: FlagSpec = flag("remote", Some('r'), true, "git remote of app to use");
const JSON: FlagSpec = flag("json", Some('j'), false, "output in json format");
const SHELL: FlagSpec = flag("shell", Some('s'), false, "output in shell format");
const NUM: FlagSpec = flag("num", Some('n'), true, "number of releases to show");
const STAGE: FlagSpec = flag("stage", Some('s'), true, "review, development, staging or production (default: from the app's name)");
const HELP: FlagSpec = flag("help", Some('h'), false, "show help for this command");

macro_rules! command {
    ($program:ident, $name:expr, [$($alias:expr),*], $usage:expr, $summary:expr, ($min:expr, $max:expr), [$($arg:expr),*], [$($flag:expr),*], $ext:expr) => {
        CommandSpec {
            program: Program::$program,
            name: $name,
            aliases: &[$($alias),*],
            usage: $usage,
            summary: $summary,
            args: ($min, $max),
            arg_names: &[$($arg),*],
            flags: &[$($flag,)* HELP],
            extension: $ext,
        }
    };
}

pub const COMMANDS: &[CommandSpec] = &[
    command!(Heroku, "apps", ["list", "apps:list"], "heroku apps", "list your apps", (0, Some(0)), [], [JSON], false),
    command!(Heroku, "apps:create", ["create"], "heroku create [NAME] [--generation cedar|fir]", "create a new app with v1 Initial release and v2 Enable Logplex", (0, Some(1)), ["NAME"],
        [flag("generation", None, true, "cedar (slugs; default) or fir (OCI images); a Release Lab extension: on Heroku, Fir apps are made in a Fir space (--space)"), flag("no-remote", Some('n'), false, "accepted for compatibility")], false),
    command!(Heroku, "apps:destroy", ["destroy"], "heroku apps:destroy [APP] --confirm APP", "permanently destroy an app and the add-ons it owns", (0, Some(1)), ["APP"],
        [APP, REMOTE, flag("confirm", Some('c'), true, "the app name, to confirm")], false),
    command!(Heroku, "apps:info", ["info"], "heroku apps:info [-a APP]", "show detailed app information", (0, Some(1)), ["APP"], [APP, REMOTE, JSON], false),
    command!(Heroku, "config", [], "heroku config [-a APP] [--shell|--json]", "display the config vars for an app", (0, Some(0)), [], [APP, REMOTE, JSON, SHELL], false),
    command!(Heroku, "config:get", [], "heroku config:get KEY... [-a APP] [--shell|--json]", "display config values for an app", (1, None), ["KEY"], [APP, REMOTE, JSON, SHELL], false),
    command!(Heroku, "config:set", ["config:add"], "heroku config:set KEY1=VALUE1 [KEY2=VALUE2 ...] [-a APP]", "set one or more config vars (one release)", (0, None), [], [APP, REMOTE], false),
    command!(Heroku, "config:unset", ["config:remove"], "heroku config:unset KEY1 [KEY2 ...] [-a APP]", "unset one or more config vars (one release)", (0, None), [], [APP, REMOTE], false),
    command!(Heroku, "config:patch", [], "heroku config:patch KEY=VALUE... KEY... [-a APP]", "set (KEY=VALUE) and unset (KEY) config vars in one release, as one API request does", (0, None), [], [APP, REMOTE], true),
    command!(Heroku, "addons", [], "heroku addons [-a APP] [--json]", "list the app's add-ons and attachments", (0, Some(0)), [], [APP, REMOTE, JSON], false),
    command!(Heroku, "addons:create", ["addons:add"], "heroku addons:create SERVICE:PLAN [--as NAME] [--wait] [-a APP]", "create an add-on from the catalogue and attach it", (1, Some(1)), ["SERVICE:PLAN"],
        [APP, REMOTE, flag("as", None, true, "name for the initial add-on attachment"), flag("wait", None, false, "watch add-on creation status and exit when complete"), flag("name", None, true, "not supported: names are generated"), flag("confirm", None, true, "accepted for compatibility")], false),
    command!(Heroku, "addons:attach", [], "heroku addons:attach ADDON [--as NAME] [-a APP]", "attach an existing add-on to an app", (1, Some(1)), ["ADDON_NAME"],
        [APP, REMOTE, flag("as", None, true, "name for add-on attachment"), flag("confirm", None, true, "accepted for compatibility")], false),
    command!(Heroku, "addons:detach", [], "heroku addons:detach ATTACHMENT [-a APP]", "detach an existing add-on from an app", (1, Some(1)), ["ATTACHMENT_NAME"], [APP, REMOTE], false),
    command!(Heroku, "addons:destroy", ["addons:remove"], "heroku addons:destroy ADDON --confirm APP [-a APP]", "permanently destroy an add-on resource", (1, Some(1)), ["ADDON_NAME"],
        [APP, REMOTE, flag("confirm", Some('c'), true, "the app name, to confirm"), flag("force", Some('f'), false, "accepted for compatibility")], false),
    command!(Heroku, "addons:upgrade", ["addons:downgrade"], "heroku addons:upgrade ADDON PLAN [-a APP]", "change add-on plan", (2, Some(2)), ["ADDON", "PLAN"], [APP, REMOTE], false),
    command!(Heroku, "releases", [], "heroku releases [-n N] [--json] [-a APP]", "display the releases for an app", (0, Some(0)), [], [APP, REMOTE, NUM, JSON], false),
    command!(Heroku, "releases:info", [], "heroku releases:info [RELEASE] [--shell] [--json] [-a APP]", "view detailed information for a release", (0, Some(1)), ["RELEASE"], [APP, REMOTE, JSON, SHELL], false),
    command!(Heroku, "releases:output", [], "heroku releases:output [RELEASE] [-a APP]", "view the release command output", (0, Some(1)), ["RELEASE"], [APP, REMOTE], false),
    command!(Heroku, "releases:retry", [], "heroku releases:retry [-a APP]", "copy the latest release into a new one and retry its release command", (0, Some(0)), [], [APP, REMOTE], false),
    command!(Heroku, "releases:rollback", ["rollback"], "heroku rollback [RELEASE] [-a APP]", "roll back to a previous release (default: the previous eligible one)", (0, Some(1)), ["RELEASE"], [APP, REMOTE], false),
    command!(Heroku, "releases:diff", [], "heroku releases:diff vA vB [-a APP]", "compare two releases: config vars, code, add-on plans and status", (2, Some(2)), ["FROM", "TO"], [APP, REMOTE], true),
    command!(Heroku, "pipelines:create", [], "heroku pipelines:create [NAME] -a APP [--stage STAGE]", "create a new pipeline with the app at a stage", (0, Some(1)), ["NAME"],
        [APP, REMOTE, STAGE], false),
    command!(Heroku, "pipelines:add", [], "heroku pipelines:add PIPELINE -a APP [--stage STAGE]", "add this app to a pipeline", (1, Some(1)), ["PIPELINE"], [APP, REMOTE, STAGE], false),
    command!(Heroku, "pipelines:info", [], "heroku pipelines:info PIPELINE", "show the list of apps in a pipeline", (1, Some(1)), ["PIPELINE"], [], false),
    command!(Heroku, "pipelines:promote", [], "heroku pipelines:promote -a APP [--to APP1,APP2]", "promote the latest release of this app to its downstream app(s)", (0, Some(0)), [],
        [APP, REMOTE, flag("to", Some('t'), true, "comma separated list of apps to promote to")], false),
    command!(Heroku, "help", [], "heroku help [COMMAND]", "display help for heroku", (0, None), ["COMMAND"], [], false),
    command!(Git, "commit", [], "git commit -m MESSAGE [-a APP]", "record a commit in the app's local repository", (0, Some(0)), [], [flag("message", Some('m'), true, "the commit message"), flag("quiet", Some('q'), false, "suppress the commit summary"), APP], false),
    command!(Git, "log", [], "git log [-n N] [--oneline] [REV] [-a APP]", "show commit logs", (0, Some(1)), ["REV"], [flag("max-count", Some('n'), true, "limit the number of commits"), flag("oneline", None, false, "one line per commit"), APP], false),
    command!(Git, "revert", [], "git revert REV [-a APP]", "make a commit that reverts an earlier one", (1, Some(1)), ["REV"], [flag("no-edit", None, false, "accepted for compatibility"), APP], false),
    command!(Git, "push", [], "git push heroku main [-a APP]", "push to Heroku: build, then release", (0, Some(2)), ["REMOTE", "BRANCH"], [APP, flag("quiet", Some('q'), false, "print only errors"), flag("force", Some('f'), false, "accepted for compatibility")], false),
    command!(Sim, "status", [], "sim [status]", "show the simulation: clock, user, style and apps", (0, Some(0)), [], [], true),
    command!(Sim, "clock", [], "sim clock RFC3339", "set the time; its offset becomes the display time zone", (1, Some(1)), ["TIME"], [], true),
    command!(Sim, "advance", [], "sim advance N(s|m|h|d|w)", "move the clock forward", (1, Some(1)), ["DURATION"], [], true),
    command!(Sim, "user", [], "sim user EMAIL", "who acts from now on", (1, Some(1)), ["EMAIL"], [], true),
    command!(Sim, "style", [], "sim style modern|classic", "output style: today's CLI or the Dev Center's 2010 CLI", (1, Some(1)), ["STYLE"], [], true),
    command!(Sim, "retention", [], "sim retention fir-2024|all-2025|unlimited [-a APP]", "the app's release retention policy", (1, Some(1)), ["POLICY"], [APP], true),
    command!(Sim, "release-phase", [], "sim release-phase \"COMMAND\"|off [-a APP]", "the Procfile's release command (or none): commit and push to deploy it", (1, Some(1)), ["COMMAND"], [APP], true),
    command!(Sim, "fail", [], "sim fail next-build|next-release [-a APP]", "make the next build or release command fail", (1, Some(1)), ["WHAT"], [APP], true),
    command!(Sim, "addon-update", [], "sim addon-update ADDON", "the provider rotates the add-on's credentials", (1, Some(1)), ["ADDON"], [], true),
    command!(Sim, "undo", [], "sim undo", "take back the last action that changed the world, as if it never happened", (0, Some(0)), [], [], true),
    command!(Sim, "redo", [], "sim redo", "bring back what the last undo took back", (0, Some(0)), [], [], true),
    command!(Sim, "seed", [], "sim seed N", "reset the random seed behind ids and names", (1, Some(1)), ["N"], [], true),
    command!(Sim, "rules", [], "sim rules 1|2|3", "an empty world's rules: 1 the seed's, 2 the API oracle's, 3 Heroku's (see README)", (1, Some(1)), ["RULES"], [], true),
];

pub fn lookup(program: Program, name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.program == program && (c.name == name || c.aliases.contains(&name)))
}

/// Edit distance, for "did you mean".
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// The nearest command name of `program` to `name`, if reasonably near.
pub fn suggest(program: Program, name: &str) -> Option<&'static str> {
    COMMANDS
        .iter()
        .filter(|c| c.program == program)
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .map(|candidate| (distance(name, candidate), candidate))
        .filter(|(d, candidate)| *d <= (candidate.len() / 2).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest(Program::Heroku, "releases:inf"), Some("releases:info"));
        assert_eq!(suggest(Program::Heroku, "rolback"), Some("rollback"));
        assert_eq!(suggest(Program::Git, "comit"), Some("commit"));
        assert_eq!(suggest(Program::Heroku, "zzzzzzzzzzzz"), None);
    }
}
