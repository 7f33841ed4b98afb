//! Splits a command line into words the way a POSIX shell would (quotes,
//! backslashes), without expansions.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    UnterminatedQuote(char),
    TrailingBackslash,
}

impl LexError {
    pub fn message(&self) -> String {
        match self {
            LexError::UnterminatedQuote(q) => format!("unexpected end of line: the {q} quote is not closed"),
            LexError::TrailingBackslash => "unexpected end of line after a backslash".to_string(),
        }
    }
}

pub fn split(line: &str) -> Result<Vec<String>, LexError> {
    let scan = scan(line);
    match scan.error {
        Some(error) => Err(error),
        None => Ok(scan.words.into_iter().map(|w| w.text).collect()),
    }
}

/// A word of a line and the byte offset where it starts (its first
/// character or opening quote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
}

/// What `scan` read: the words, whether the line ends inside the last one
/// (no whitespace after it), and the error `split` reports, if any. An
/// unfinished last word (open quote, trailing backslash) is kept as far as
/// it goes, so Tab completion can work on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    pub words: Vec<Word>,
    pub ends_in_word: bool,
    pub error: Option<LexError>,
}

/// `split` that never fails: the one place the quoting rules live.
pub fn scan(line: &str) -> Scan {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut start = None;
    let mut error = None;
    let mut chars = line.char_indices();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            if let Some(start) = start.take() {
                words.push(Word { text: std::mem::take(&mut word), start });
            }
            continue;
        }
        start.get_or_insert(at);
        match c {
            '\'' => loop {
                match chars.next() {
                    Some((_, '\'')) => break,
                    Some((_, c)) => word.push(c),
                    None => {
                        error = Some(LexError::UnterminatedQuote('\''));
                        break;
                    }
                }
            },
            '"' => loop {
                match chars.next() {
                    Some((_, '"')) => break,
                    Some((_, '\\')) => match chars.next() {
                        Some((_, c @ ('"' | '\\' | '$' | '`'))) => word.push(c),
                        Some((_, c)) => {
                            word.push('\\');
                            word.push(c);
                        }
                        None => {
                            error = Some(LexError::UnterminatedQuote('"'));
                            break;
                        }
                    },
                    Some((_, c)) => word.push(c),
                    None => {
                        error = Some(LexError::UnterminatedQuote('"'));
                        break;
                    }
                }
            },
            '\\' => match chars.next() {
                Some((_, c)) => word.push(c),
                None => error = Some(LexError::TrailingBackslash),
            },
            c => word.push(c),
        }
    }
    let ends_in_word = start.is_some();
    if let Some(start) = start {
        words.push(Word { text: word, start });
    }
    Scan { words, ends_in_word, error }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(split(r#"git commit -m "Fix the \"login\" page""#).unwrap(), vec!["git", "commit", "-m", r#"Fix the "login" page"#]);
        assert_eq!(split("config:set 'A=b c=d' E=f\\ g").unwrap(), vec!["config:set", "A=b c=d", "E=f g"]);
        assert_eq!(split("x ''").unwrap(), vec!["x", ""]);
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("a 'b"), Err(LexError::UnterminatedQuote('\'')));
        assert_eq!(split("a \\"), Err(LexError::TrailingBackslash));
    }

    #[test]
    fn scan_keeps_unfinished_words_and_their_starts() {
        let scan = scan("git  'a b' \"c");
        let words: Vec<(&str, usize)> = scan.words.iter().map(|w| (w.text.as_str(), w.start)).collect();
        assert_eq!(words, [("git", 0), ("a b", 5), ("c", 11)]);
        assert!(scan.ends_in_word);
        assert_eq!(scan.error, Some(LexError::UnterminatedQuote('"')));
        let scan = super::scan("heroku ");
        assert_eq!(scan.words.len(), 1);
        assert!(!scan.ends_in_word);
        assert_eq!(scan.error, None);
        assert_eq!(super::scan("a\\").words[0].text, "a");
    }
}
