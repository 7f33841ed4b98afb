//! A session's transcript, written three ways: plain text (exactly what
//! `release-lab script` prints), Markdown for docs and chat, and an
//! asciicast v2 recording that the asciinema player plays. Pure.

use crate::cli::Output;

/// `$ command`, then its output, stdout and stderr merged in order.
pub fn push(text: &mut String, line: &str, output: &Output) {
    text.push_str("$ ");
    text.push_str(line);
    text.push('\n');
    text.push_str(&output.text());
}

/// The plain transcript of `entries`.
pub fn text<'a>(entries: impl IntoIterator<Item = (&'a str, &'a Output)>) -> String {
    let mut text = String::new();
    for (line, output) in entries {
        push(&mut text, line, output);
    }
    text
}

/// A fenced ```` ```console ```` block, the fence longer than any run of
/// backticks inside so that output never closes it early.
pub fn markdown(transcript: &str) -> String {
    let longest = transcript.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut markdown = format!("{fence}console\n{transcript}");
    if !transcript.is_empty() && !transcript.ends_with('\n') {
        markdown.push('\n');
    }
    markdown.push_str(&fence);
    markdown.push('\n');
    markdown
}

/// Milliseconds between one command's output and the next prompt, and
/// between a command and its output, in the recording. Whole milliseconds:
/// formatting floats would add their formatter to the wasm.
const PAUSE_MS: u64 = 1000;
const THINK_MS: u64 = 400;

/// An asciicast v2 file: a JSON header line, then one `[time, "o", text]`
/// event per prompt and per output, with terminal line endings.
pub fn asciicast<'a>(title: &str, entries: impl IntoIterator<Item = (&'a str, &'a Output)>) -> String {
    let entries: Vec<(&str, &Output)> = entries.into_iter().collect();
    let widest = entries
        .iter()
        .flat_map(|(line, output)| std::iter::once(line.chars().count() + 2).chain(output.lines.iter().map(|l| l.text.chars().count())))
        .max()
        .unwrap_or(0);
    let mut cast = format!(
        "{{\"version\": 2, \"width\": {}, \"height\": 24, \"title\": {}, \"env\": {{\"SHELL\": \"/bin/bash\", \"TERM\": \"xterm-256color\"}}}}\n",
        widest.clamp(80, 200),
        json_string(title)
    );
    let mut ms = 0;
    let mut event = |ms: u64, text: &str| {
        cast.push_str(&format!("[{}.{:03}, \"o\", {}]\n", ms / 1000, ms % 1000, json_string(text)));
    };
    for (line, output) in entries {
        event(ms, &format!("$ {line}\r\n"));
        ms += THINK_MS;
        if !output.lines.is_empty() {
            let printed: Vec<&str> = output.lines.iter().map(|l| l.text.as_str()).collect();
            event(ms, &format!("{}\r\n", printed.join("\r\n")));
        }
        ms += PAUSE_MS;
    }
    cast
}

fn json_string(text: &str) -> String {
    crate::cli::json::string(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli;
    use crate::engine::World;

    fn session() -> Vec<(String, Output)> {
        let mut world = World::new();
        ["heroku create demo", "heroku releases", "heroku rollback v9"]
            .iter()
            .map(|line| (line.to_string(), cli::run(&mut world, line)))
            .collect()
    }

    #[test]
    fn text_is_the_script_transcript() {
        let entries = session();
        let script = crate::script::run_script(&mut World::new(), "heroku create demo\nheroku releases\nheroku rollback v9");
        assert_eq!(text(entries.iter().map(|(l, o)| (l.as_str(), o))), script);
    }

    #[test]
    fn markdown_fences_outlast_backticks_inside() {
        assert_eq!(markdown("$ heroku apps\n"), "```console\n$ heroku apps\n```\n");
        assert_eq!(markdown("$ git commit -m '```'\n"), "````console\n$ git commit -m '```'\n````\n");
        assert_eq!(markdown(""), "```console\n```\n");
    }

    #[test]
    fn asciicast_has_a_header_and_timed_events() {
        let entries = session();
        let cast = asciicast("demo", entries.iter().map(|(l, o)| (l.as_str(), o)));
        let mut lines = cast.lines();
        let header: serde_json::Value = serde_json::from_str(lines.next().expect("header")).expect("header is JSON");
        assert_eq!(header["version"], 2);
        // Wide enough for the widest line (the releases table), and never under 80.
        let widest = text(entries.iter().map(|(l, o)| (l.as_str(), o))).lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest > 80, "the session has a line wider than 80");
        assert_eq!(header["width"], widest);
        assert_eq!(header["title"], "demo");
        let events: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).expect("event is JSON")).collect();
        assert_eq!(events.len(), 6);
        assert_eq!(events[0], serde_json::json!([0.0, "o", "$ heroku create demo\r\n"]));
        assert_eq!(events[2][2], "$ heroku releases\r\n");
        assert!(events[1][2].as_str().expect("text").starts_with("Creating ⬢ demo... done\r\n"));
        let times: Vec<f64> = events.iter().map(|e| e[0].as_f64().expect("time")).collect();
        assert!(times.windows(2).all(|pair| pair[0] < pair[1]), "{times:?}");
        // Played back, the output is the transcript with terminal line endings.
        let played: String = events.iter().map(|e| e[2].as_str().expect("text")).collect();
        assert_eq!(played, text(entries.iter().map(|(l, o)| (l.as_str(), o))).replace('\n', "\r\n"));
    }
}
