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
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(LexError::UnterminatedQuote('\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(LexError::UnterminatedQuote('"')),
                        },
                        Some(c) => word.push(c),
                        None => return Err(LexError::UnterminatedQuote('"')),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(c) => word.push(c),
                    None => return Err(LexError::TrailingBackslash),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
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
}
