//! `help` and `help COMMAND`, generated from the command table.

use super::commands::{lookup, suggest, Program, COMMANDS};
use super::effect::ErrorKind;
use super::output::Output;
use crate::engine::release::Style;

pub fn help(style: Style, topic: &[String]) -> Output {
    let mut out = Output::new();
    let words: Vec<&str> = topic.iter().map(String::as_str).filter(|w| *w != "heroku").collect();
    match words.as_slice() {
        [] => overview(&mut out),
        ["git"] | ["sim"] => program_overview(&mut out, if words[0] == "git" { Program::Git } else { Program::Sim }),
        ["git", name] => command_help(&mut out, style, Program::Git, name),
        ["sim", name] => command_help(&mut out, style, Program::Sim, name),
        [name, ..] => command_help(&mut out, style, Program::Heroku, name),
    }
    out
}

fn overview(out: &mut Output) {
    out.out("Release Lab: a simulator of Heroku's release system.\n");
    out.out("Every line is one command. Heroku's own commands:\n");
    program_overview(out, Program::Heroku);
    out.out("\nThe app's local git repository:\n");
    program_overview(out, Program::Git);
    out.out("\nSimulation controls (Release Lab's own):\n");
    program_overview(out, Program::Sim);
    out.out("\nWith one app, -a APP is optional. help COMMAND tells more, e.g. help rollback.");
}

fn program_overview(out: &mut Output, program: Program) {
    let specs: Vec<_> = COMMANDS.iter().filter(|c| c.program == program && c.name != "help").collect();
    let width = specs.iter().map(|c| full_name(c.program, c.name).len()).max().unwrap_or(0);
    for spec in specs {
        let marker = if spec.extension && program == Program::Heroku { " (Release Lab extension; not in Heroku)" } else { "" };
        out.out(format!("  {:<width$}  {}{marker}", full_name(program, spec.name), spec.summary));
    }
}

fn full_name(program: Program, name: &str) -> String {
    format!("{} {name}", program.name())
}

fn command_help(out: &mut Output, style: Style, program: Program, name: &str) {
    let Some(spec) = lookup(program, name) else {
        let mut text = format!("{name} is not a {} command.", program.name());
        if let Some(s) = suggest(program, name) {
            text.push_str(&format!("\nDid you mean {s}?"));
        }
        out.fail(style, ErrorKind::UnknownCommand, text);
        return;
    };
    out.out(spec.summary);
    if spec.extension && program == Program::Heroku {
        out.out("(Release Lab extension: Heroku has no such command.)");
    }
    out.out(format!("\nUSAGE\n  $ {}", spec.usage));
    if !spec.aliases.is_empty() {
        let aliases: Vec<String> = spec.aliases.iter().map(|a| full_name(program, a)).collect();
        out.out(format!("\nALIASES\n  {}", aliases.join(", ")));
    }
    out.out("\nFLAGS");
    let label = |f: &super::commands::FlagSpec| {
        let short = f.short.map(|s| format!("-{s}, ")).unwrap_or_else(|| "    ".to_string());
        let value = if f.takes_value { format!("={}", f.long.to_ascii_uppercase()) } else { String::new() };
        format!("{short}--{}{value}", f.long)
    };
    let width = spec.flags.iter().map(|f| label(f).len()).max().unwrap_or(0);
    for flag in spec.flags {
        out.out(format!("  {:<width$}  {}", label(flag), flag.help));
    }
}
