//! JSON as data: the Platform API's objects (`cli::api`) are built as
//! `Json` values and printed by one function, as the CLI prints them
//! (`JSON.stringify(value, null, 2)`). A value tree and one printer cost
//! the wasm far less than a serde `Serialize` implementation per shape.

/// A JSON value whose objects keep their fields in the order built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(u64),
    Str(String),
    List(Vec<Json>),
    /// An object with fixed field names (an API shape).
    Object(Vec<(&'static str, Json)>),
    /// An object whose keys are data (config vars).
    Map(Vec<(String, Json)>),
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::Str(text.to_string())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Json {
        Json::Str(text)
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}

impl From<u64> for Json {
    fn from(value: u64) -> Json {
        Json::Int(value)
    }
}

impl From<u32> for Json {
    fn from(value: u32) -> Json {
        Json::Int(value.into())
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Json {
        Json::List(items.into_iter().map(Into::into).collect())
    }
}

impl Json {
    /// `JSON.stringify(value, null, 2)`.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// `JSON.stringify(value)`: what an API answers with.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Sets field `name` of an object, in place if it has one, else last.
    pub fn set(&mut self, name: &'static str, value: Json) {
        if let Json::Object(fields) = self {
            match fields.iter_mut().find(|(key, _)| *key == name) {
                Some(field) => field.1 = value,
                None => fields.push((name, value)),
            }
        }
    }

    /// `indent` is the current depth's indentation when pretty, `None` when compact.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Int(value) => out.push_str(&value.to_string()),
            Json::Str(text) => quote(text, out),
            Json::List(items) => write_all(out, indent, ('[', ']'), items.iter().map(|item| (None, item))),
            Json::Object(fields) => write_all(out, indent, ('{', '}'), fields.iter().map(|(key, value)| (Some(*key), value))),
            Json::Map(fields) => write_all(out, indent, ('{', '}'), fields.iter().map(|(key, value)| (Some(key.as_str()), value))),
        }
    }
}

/// A list or object: `[]`/`{}` when empty, else one item per line when pretty.
fn write_all<'a>(out: &mut String, indent: Option<usize>, (open, close): (char, char), items: impl Iterator<Item = (Option<&'a str>, &'a Json)>) {
    out.push(open);
    let inner = indent.map(|depth| depth + 2);
    let mut empty = true;
    for (index, (key, value)) in items.enumerate() {
        empty = false;
        if index > 0 {
            out.push(',');
        }
        newline(out, inner);
        if let Some(key) = key {
            quote(key, out);
            out.push_str(if indent.is_some() { ": " } else { ":" });
        }
        value.write(out, inner);
    }
    if !empty {
        newline(out, indent);
    }
    out.push(close);
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(depth) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', depth));
    }
}

/// A JSON string, escaped exactly as serde_json (and `JSON.stringify`)
/// escape it: by hand, so the wasm carries no serde_json at all.
fn quote(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a JSON string.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    quote(text, &mut out);
    out
}

/// An object from its fields, in order.
pub fn object<const N: usize>(fields: [(&'static str, Json); N]) -> Json {
    Json::Object(fields.into())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn prints_as_serde_json_does() {
        let value = object([
            ("name", "shop \"main\"\n\u{1}é".into()),
            ("count", 3u32.into()),
            ("none", Json::Null),
            ("empty", Json::List(Vec::new())),
            ("nothing", Json::Object(Vec::new())),
            ("vars", Json::Map(vec![("A".to_string(), "1".into()), ("B".to_string(), Json::Bool(false))])),
            ("list", vec![object([("x", true.into())]), Json::Int(7)].into()),
        ]);
        let expected = serde_json::json!({
            "name": "shop \"main\"\n\u{1}é",
            "count": 3,
            "none": null,
            "empty": [],
            "nothing": {},
            "vars": { "A": "1", "B": false },
            "list": [{ "x": true }, 7],
        });
        assert_eq!(value.pretty(), serde_json::to_string_pretty(&expected).unwrap());
        assert_eq!(value.compact(), serde_json::to_string(&expected).unwrap());
        assert_eq!(Json::List(Vec::new()).pretty(), "[]");
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        for text in [every_ascii.as_str(), "", "é ⬢ 😀 \u{2028} \u{7f} </script>", "a\"b\\c"] {
            assert_eq!(string(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }
}
