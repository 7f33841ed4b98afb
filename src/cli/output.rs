//! What a command prints: lines on stdout and stderr, in order.

use super::effect::{Effect, ErrorKind, Failure};
use crate::engine::release::Style;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub stream: Stream,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub lines: Vec<Line>,
    /// False when the command failed (a non-zero exit status); then
    /// `effect.failure` says why.
    pub ok: bool,
    pub effect: Effect,
}

impl Default for Output {
    fn default() -> Self {
        Output { lines: Vec::new(), ok: true, effect: Effect::default() }
    }
}

impl Output {
    pub fn new() -> Output {
        Output::default()
    }

    fn push(&mut self, stream: Stream, text: &str) {
        for line in text.split('\n') {
            self.lines.push(Line { stream, text: line.to_string() });
        }
    }

    /// Adds stdout text; embedded newlines make several lines.
    pub fn out(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, text.as_ref());
    }

    pub fn err(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stderr, text.as_ref());
    }

    /// oclif's ` ›   Warning: …`, or the 2010 CLI's ` !    …`.
    pub fn warn(&mut self, style: Style, text: impl AsRef<str>) {
        let text = text.as_ref();
        match style {
            Style::Modern => self.prefixed(" ›   Warning: ", " ›   ", text),
            Style::Classic => self.prefixed(" !    ", " !    ", text),
        }
    }

    /// oclif's ` ›   Error: …`; marks the command failed for the reason `kind`.
    pub fn fail(&mut self, style: Style, kind: ErrorKind, text: impl AsRef<str>) {
        let text = text.as_ref();
        match style {
            Style::Modern => self.prefixed(" ›   Error: ", " ›   ", text),
            Style::Classic => self.prefixed(" !    ", " !    ", text),
        }
        self.record_failure(kind, text);
    }

    /// After an API's error, today's CLI prints its id.
    pub fn api_error_id(&mut self, style: Style, kind: ErrorKind) {
        if style == Style::Modern {
            self.err(" ›");
            self.err(format!(" ›   Error ID: {}", crate::cli::errors::api_error_id(kind)));
        }
    }

    /// A plain `Error` the CLI throws itself: oclif prints it indented,
    /// without ›. The failure keeps the bare message.
    pub fn fail_plain(&mut self, kind: ErrorKind, text: impl AsRef<str>) {
        let text = text.as_ref();
        self.err(format!("    Error: {text}"));
        self.record_failure(kind, text);
    }

    /// Marks the command failed for `text` (what an API answers) without
    /// printing it; the lines that follow say it in the CLI's words.
    pub fn note_failure(&mut self, kind: ErrorKind, text: impl AsRef<str>) {
        self.record_failure(kind, text.as_ref());
    }

    /// Raw stderr text that also fails the command (git's own errors).
    pub fn fail_raw(&mut self, kind: ErrorKind, text: impl AsRef<str>) {
        let text = text.as_ref();
        self.err(text);
        self.record_failure(kind, text);
    }

    /// The first failure is the one that stopped the command.
    fn record_failure(&mut self, kind: ErrorKind, text: &str) {
        self.ok = false;
        if self.effect.failure.is_none() {
            self.effect.failure = Some(Failure { kind, message: text.to_string() });
        }
    }

    fn prefixed(&mut self, first: &str, rest: &str, text: &str) {
        for (index, line) in text.split('\n').enumerate() {
            let prefix = if index == 0 { first } else { rest };
            self.lines.push(Line { stream: Stream::Stderr, text: format!("{prefix}{line}") });
        }
    }

    /// Everything, stdout and stderr merged in order, one line each.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            text.push_str(&line.text);
            text.push('\n');
        }
        text
    }
}
