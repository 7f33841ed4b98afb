//! Flag and argument parsing, oclif-style: `--flag value`, `--flag=value`,
//! `-f value`, `--` to end flags.

use super::commands::{CommandSpec, FlagSpec};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    pub positionals: Vec<String>,
    flags: Vec<(&'static str, Option<String>)>,
}

impl Args {
    pub fn has(&self, long: &str) -> bool {
        self.flags.iter().any(|(name, _)| *name == long)
    }

    pub fn value(&self, long: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(name, _)| *name == long).and_then(|(_, v)| v.as_deref())
    }

    /// Every flag given, by its long name, with its value.
    pub fn flags(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> {
        self.flags.iter().map(|(name, value)| (*name, value.as_deref()))
    }
}

fn find<'a>(flags: &'a [FlagSpec], word: &str) -> Option<&'a FlagSpec> {
    if let Some(long) = word.strip_prefix("--") {
        flags.iter().find(|f| f.long == long)
    } else {
        let mut chars = word.strip_prefix('-')?.chars();
        let short = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        flags.iter().find(|f| f.short == Some(short))
    }
}

/// Whether `words` ask for the command's help: `--help` or `-h` where a
/// flag may stand, before any `--`. A flag's value is not a flag, so
/// `git commit -m --help` commits with the message "--help", as git does.
pub fn asks_for_help(spec: &CommandSpec, words: &[String]) -> bool {
    let mut words = words.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--" => return false,
            "--help" | "-h" => return true,
            _ => {
                if find(spec.flags, word).is_some_and(|flag| flag.takes_value) {
                    words.next();
                }
            }
        }
    }
    false
}

/// Parses `words` (after the command name) against `spec`.
pub fn parse(spec: &CommandSpec, words: &[String]) -> Result<Args, String> {
    parse_with(spec, words, true)
}

/// Parses like `parse`, but takes fewer positionals than the command
/// needs: for patterns that name only some of a command's arguments.
pub fn parse_partial(spec: &CommandSpec, words: &[String]) -> Result<Args, String> {
    parse_with(spec, words, false)
}

fn parse_with(spec: &CommandSpec, words: &[String], needs_all: bool) -> Result<Args, String> {
    let mut args = Args::default();
    let mut index = 0;
    let mut flags_ended = false;
    while index < words.len() {
        let word = &words[index];
        index += 1;
        if flags_ended || !word.starts_with('-') || word == "-" || is_negative_number(word) {
            args.positionals.push(word.clone());
            continue;
        }
        if word == "--" {
            flags_ended = true;
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (word.as_str(), None),
        };
        let flag = find(spec.flags, name).ok_or_else(|| format!("Nonexistent flag: {name}\nSee more help with --help"))?;
        let value = if flag.takes_value {
            match inline {
                Some(value) => Some(value),
                None if index < words.len() => {
                    index += 1;
                    Some(words[index - 1].clone())
                }
                None => return Err(format!("Flag --{} expects a value", flag.long)),
            }
        } else {
            if inline.is_some() {
                return Err(format!("Flag --{} does not take a value", flag.long));
            }
            None
        };
        args.flags.push((flag.long, value));
    }
    let (min, max) = spec.args;
    if needs_all && args.positionals.len() < min {
        let missing: Vec<&str> = spec.arg_names.iter().skip(args.positionals.len()).take(min - args.positionals.len()).copied().collect();
        return Err(format!("Missing {} required arg{}:\n{}\nSee more help with --help", min - args.positionals.len(), if min - args.positionals.len() == 1 { "" } else { "s" }, missing.join("\n")));
    }
    if let Some(max) = max {
        if args.positionals.len() > max {
            return Err(format!("Unexpected argument: {}\nSee more help with --help", args.positionals[max]));
        }
    }
    Ok(args)
}

fn is_negative_number(word: &str) -> bool {
    word.len() > 1 && word[1..].bytes().all(|b| b.is_ascii_digit())
}
