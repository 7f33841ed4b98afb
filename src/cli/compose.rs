//! Builds command lines from form values, quoting words so that
//! `lexer::split` gives them back exactly. The forms and the terminal thus
//! speak the same language: every form action is a line a user could type.

/// Quotes a word for `lexer::split` (POSIX single quotes where needed).
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_=.:/@+,%^".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Joins words into a command line, quoting each as needed.
pub fn line<I, S>(words: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    words.into_iter().map(|w| quote(w.as_ref())).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::lexer::split;

    #[test]
    fn quoted_words_split_back_exactly() {
        let words = ["heroku", "config:set", "GREETING=hello world", "Q=it's", "E=", "X=$HOME \"x\" \\ `y`", "-a", "my-app"];
        let text = line(words);
        assert_eq!(text, r#"heroku config:set 'GREETING=hello world' 'Q=it'\''s' E= 'X=$HOME "x" \ `y`' -a my-app"#);
        assert_eq!(split(&text).expect("splits"), words);
        assert_eq!(split(&line([""])).expect("splits"), [""]);
    }
}
