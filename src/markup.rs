//! HTML and SVG text built piece by piece, escaped where it holds data.
//!
//! The browser views that only show data (the details, the timeline) are
//! drawn as one string each: every reactive closure in a Leptos view costs
//! its own copy of the render code, and plain pushes cost less than
//! `write!`'s formatting machinery at each call site.

pub struct Markup(pub String);

impl Markup {
    pub fn new() -> Markup {
        Markup(String::new())
    }

    /// Markup as it is.
    pub fn s(&mut self, markup: &str) -> &mut Markup {
        self.0.push_str(markup);
        self
    }

    pub fn n(&mut self, number: i64) -> &mut Markup {
        self.0.push_str(&number.to_string());
        self
    }

    /// Text, escaped for element content and attribute values.
    pub fn t(&mut self, text: &str) -> &mut Markup {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                c => self.0.push(c),
            }
        }
        self
    }

    /// A button's ` disabled title="why"` while `reason` holds, so a
    /// disabled button says why; nothing otherwise.
    pub fn off(&mut self, reason: Option<&str>) -> &mut Markup {
        match reason {
            Some(reason) => self.s(r#" disabled title=""#).t(reason).s("\""),
            None => self,
        }
    }

    /// `<tag>text</tag>`, the text escaped; `tag` may carry attributes.
    pub fn el(&mut self, tag: &str, text: &str) -> &mut Markup {
        let name = tag.split(' ').next().unwrap_or(tag);
        self.s("<").s(tag).s(">").t(text).s("</").s(name).s(">")
    }

    /// `<use>` of a shape defined once in `<defs>`, centred on (x, y).
    pub fn shape(&mut self, id: &str, x: i64, y: i64) -> &mut Markup {
        self.s(r##"<use href="#"##).s(id).s(r#"" x=""#).n(x).s(r#"" y=""#).n(y).s(r#""/>"#)
    }

    /// An SVG text at (x, y); `extra` holds more attributes.
    pub fn text(&mut self, x: i64, y: i64, extra: &str, text: &str) -> &mut Markup {
        self.s(r#"<text x=""#).n(x).s(r#"" y=""#).n(y).s("\"").s(extra).s(">").t(text).s("</text>")
    }
}

impl Default for Markup {
    fn default() -> Self {
        Markup::new()
    }
}
