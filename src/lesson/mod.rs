//! Lessons: a start state, goals checked against the world, hints and a
//! solution, read from a Markdown file a trainer can write (the format is
//! in `lessons/README.md`). Pure, like the engine: the browser, the native
//! runner and the tests check goals the same way.

pub mod built_in;
pub mod check;

use crate::cli::Output;
use crate::engine::World;
use crate::script;
use crate::session::History;
use crate::transcript;
pub use check::Check;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    /// The Heroku docs it teaches.
    pub docs: Vec<String>,
    /// The explanation, one entry per paragraph.
    pub text: Vec<String>,
    /// The script that builds the starting world.
    pub start: Vec<String>,
    pub goals: Vec<Goal>,
    pub hints: Vec<String>,
    pub solution: Vec<String>,
    /// Plausible paths that must not pass (checked in CI).
    pub wrong_paths: Vec<WrongPath>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    pub text: String,
    pub check: Check,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongPath {
    pub name: String,
    pub lines: Vec<String>,
}

/// A broken lesson file: the line (1-based) and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LessonError {
    pub line: usize,
    pub message: String,
}

/// A learner's attempt: what their lines printed, and each goal's state.
pub struct Attempt {
    pub transcript: String,
    pub met: Vec<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    Start,
    Goals,
    Hints,
    Solution,
    Wrong,
}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, LessonError> {
    Err(LessonError { line, message: message.into() })
}

impl Lesson {
    pub fn parse(source: &str) -> Result<Lesson, LessonError> {
        let mut lines = source.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end())).peekable();
        while lines.peek().is_some_and(|(_, l)| l.is_empty()) {
            lines.next();
        }
        let title = match lines.next() {
            Some((_, line)) if line.starts_with("# ") => line[2..].trim().to_string(),
            Some((n, _)) => return fail(n, "a lesson starts with its title: # Title"),
            None => return fail(1, "the file is empty; a lesson starts with its title: # Title"),
        };
        let title_line = lines.peek().map_or(1, |(n, _)| n - 1);
        let mut lesson = Lesson { id: String::new(), title, docs: Vec::new(), text: Vec::new(), start: Vec::new(), goals: Vec::new(), hints: Vec::new(), solution: Vec::new(), wrong_paths: Vec::new() };
        while let Some(&(n, line)) = lines.peek() {
            if line.is_empty() || line.starts_with('#') {
                break;
            }
            lines.next();
            match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("id", id)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') => lesson.id = id.to_string(),
                Some(("id", _)) => return fail(n, "an id is lowercase letters, digits and dashes"),
                Some(("docs", url)) if url.starts_with("https://") => lesson.docs.push(url.to_string()),
                Some(("docs", _)) => return fail(n, "docs: takes an https:// link to the Heroku docs the lesson teaches"),
                _ => return fail(n, "expected a header line (id: …, docs: …) or a blank line"),
            }
        }
        if lesson.id.is_empty() {
            return fail(title_line, "the header needs an id: line");
        }

        let mut section = Section::Intro;
        let mut seen: Vec<&str> = Vec::new();
        let mut fence: Option<usize> = None;
        let mut paragraph = String::new();
        let mut last = 1;
        for (n, line) in lines {
            last = n;
            if fence.is_some() {
                if line.trim() == "```" {
                    fence = None;
                } else {
                    let command = line.trim();
                    if !command.is_empty() && !command.starts_with('#') {
                        match section {
                            Section::Start => lesson.start.push(command.to_string()),
                            Section::Solution => lesson.solution.push(command.to_string()),
                            _ => lesson.wrong_paths.last_mut().expect("a wrong path section is open").lines.push(command.to_string()),
                        }
                    }
                }
                continue;
            }
            if let Some(heading) = line.strip_prefix("## ") {
                let heading = heading.trim();
                let (next, name) = match heading {
                    "Start" => (Section::Start, "Start"),
                    "Goals" => (Section::Goals, "Goals"),
                    "Hints" => (Section::Hints, "Hints"),
                    "Solution" => (Section::Solution, "Solution"),
                    _ => match heading.strip_prefix("Wrong path:") {
                        Some(name) if !name.trim().is_empty() => {
                            lesson.wrong_paths.push(WrongPath { name: name.trim().to_string(), lines: Vec::new() });
                            (Section::Wrong, "")
                        }
                        _ => return fail(n, format!("unknown section \"{heading}\"; sections are Start, Goals, Hints, Solution and Wrong path: NAME")),
                    },
                };
                if !name.is_empty() && seen.contains(&name) {
                    return fail(n, format!("a second {name} section"));
                }
                seen.push(name);
                if !paragraph.is_empty() {
                    lesson.text.push(std::mem::take(&mut paragraph));
                }
                section = next;
                continue;
            }
            if line.starts_with('#') && section == Section::Intro {
                return fail(n, "use ## for a section; the only # heading is the title");
            }
            match section {
                Section::Intro if line.trim().is_empty() => {
                    if !paragraph.is_empty() {
                        lesson.text.push(std::mem::take(&mut paragraph));
                    }
                }
                Section::Intro => {
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(line.trim());
                }
                Section::Start | Section::Solution | Section::Wrong => {
                    if line.trim_start().starts_with("```") {
                        fence = Some(n);
                    } else if !line.trim().is_empty() {
                        return fail(n, "write the commands inside a ``` block");
                    }
                }
                Section::Goals | Section::Hints => {
                    let items_len = if section == Section::Goals { lesson.goals.len() } else { lesson.hints.len() };
                    if let Some(item) = line.strip_prefix("- ") {
                        if section == Section::Goals {
                            lesson.goals.push(goal(n, item)?);
                        } else {
                            lesson.hints.push(item.trim().to_string());
                        }
                    } else if line.trim().is_empty() {
                    } else if line.starts_with(' ') && items_len > 0 {
                        // A continued list item.
                        if section == Section::Goals {
                            return fail(n, "keep each goal on one line: its text, then its check in backquotes");
                        }
                        let hint = lesson.hints.last_mut().expect("a hint is open");
                        hint.push(' ');
                        hint.push_str(line.trim());
                    } else {
                        return fail(n, "expected a list item starting with \"- \"");
                    }
                }
            }
        }
        if let Some(open) = fence {
            return fail(open, "this ``` block is never closed");
        }
        if !paragraph.is_empty() {
            lesson.text.push(paragraph);
        }
        for (name, missing) in [("Start", !seen.contains(&"Start")), ("Goals", lesson.goals.is_empty()), ("Hints", lesson.hints.is_empty()), ("Solution", lesson.solution.is_empty())] {
            if missing {
                return fail(last, format!("the lesson needs a {name} section with at least one {}", if name == "Start" { "block (it may be empty)" } else { "entry" }));
            }
        }
        Ok(lesson)
    }

    /// The world and session the lesson starts from.
    pub fn start(&self) -> (World, History) {
        let mut world = World::new();
        let mut history = History::starting_from(world.clone());
        for line in &self.start {
            history.run(&mut world, line);
        }
        (world, history)
    }

    /// Whether a goal reads the learner's lines (`ran`, `refused`), not
    /// only the world: the page replays the session only for those.
    pub fn reads_lines(&self) -> bool {
        self.goals.iter().any(|goal| goal.check.reads_lines())
    }

    /// Which goals hold for `world`, after the learner ran `ran`.
    pub fn met(&self, world: &World, ran: &[(String, Output)]) -> Vec<bool> {
        self.goals.iter().map(|goal| goal.check.holds(world, ran)).collect()
    }

    /// Runs the start, then `script`'s lines, and checks the goals.
    pub fn attempt(&self, script: &str) -> Attempt {
        let (mut world, mut history) = self.start();
        let mut transcript = String::new();
        let mut ran = Vec::new();
        for line in script::commands(script) {
            let (output, _) = history.run(&mut world, line);
            transcript::push(&mut transcript, line, &output);
            ran.push((line.to_string(), output));
        }
        Attempt { met: self.met(&world, &ran), transcript }
    }
}

/// A goal line: its text, then its check as the last `backquoted` span.
fn goal(line: usize, item: &str) -> Result<Goal, LessonError> {
    let item = item.trim();
    let Some(body) = item.strip_suffix('`') else { return fail(line, "a goal ends with its check in backquotes, like `release shop current is rollback to v3`") };
    let Some(open) = body.rfind('`') else { return fail(line, "a goal's check is missing its opening backquote") };
    let check = Check::parse(&body[open + 1..]).or_else(|message| fail(line, format!("check: {message}")))?;
    let text = body[..open].trim().trim_end_matches(':').trim().to_string();
    if text.is_empty() {
        return fail(line, "a goal needs words for the learner before its check");
    }
    Ok(Goal { text, check })
}
