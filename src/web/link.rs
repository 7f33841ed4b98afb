//! What the page's address asks for (`#lesson=ID`, `#lab=…`), share links,
//! text fetched from the network, and the bridge that lets a host page or
//! the presenter run lines, all through `lab.js`.
//!
//! A link's fragment is `lab=1.` and the workspace file (the export)
//! compressed with deflate-raw in base64url; `lesson=ID` beside it opens
//! that lesson with the linked progress. Version `1.` is today's format:
//! later builds keep reading it (`tests/fixtures/links`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/lab.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;
    /// Lets a host page and the presenter run lines with `run` (see lab.js).
    pub fn connect(run: &Closure<dyn Fn(String)>);
    /// Tells them the instance is ready: its start has run.
    pub fn ready();
    fn notify(line: &str, ok: bool, output: &str, releases: &str);
}

/// Tells a host page and the presenter what a line did.
pub fn announce(line: &str, output: &crate::cli::Output) {
    let releases: Vec<String> = output.effect.releases.iter().map(|(app, version)| format!("{app}:{version}")).collect();
    notify(line, output.ok, &output.text(), &releases.join(" "));
}

/// Links longer than this are refused: chat tools and mail cut longer ones.
pub const MAX_LINK: usize = 8000;
const FORMAT: &str = "1.";

/// What the address's fragment asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// A lesson by id.
    pub lesson: Option<String>,
    /// A lesson file to fetch, by URL.
    pub lesson_url: Option<String>,
    /// A shared workspace, still packed.
    pub lab: Option<String>,
    /// Keep the shared workspace: import it into the saved one.
    pub keep: bool,
}

impl Address {
    pub fn parse(fragment: &str) -> Address {
        let mut address = Address::default();
        for part in fragment.trim_start_matches('#').split('&') {
            if part == "keep" {
                address.keep = true;
            }
            let Some((key, value)) = part.split_once('=') else { continue };
            let value = js_sys::decode_uri_component(value).ok().and_then(|v| v.as_string()).unwrap_or_default();
            match key {
                "lesson" => address.lesson = Some(value),
                "lesson-url" => address.lesson_url = Some(value),
                "lab" => address.lab = Some(value),
                _ => {}
            }
        }
        address
    }

    pub fn current() -> Address {
        Address::parse(&leptos::prelude::window().location().hash().unwrap_or_default())
    }
}

fn message(error: JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "the browser refused".to_string())
}

/// The fragment for a workspace file (and a lesson): `lab=1.…`.
pub async fn fragment(workspace: &str, lesson: Option<&str>) -> Result<String, String> {
    let code = pack(workspace).await.map_err(message)?.as_string().unwrap_or_default();
    let lesson = lesson.map(|id| format!("lesson={id}&")).unwrap_or_default();
    Ok(format!("#{lesson}lab={FORMAT}{code}"))
}

/// The workspace file a `lab=` value carries.
pub async fn workspace_of(lab: &str) -> Result<String, String> {
    let code = lab.strip_prefix(FORMAT).ok_or("this link was made by a newer Release Lab, or is damaged")?;
    unpack(code).await.map_err(message).map(|text| text.as_string().unwrap_or_default())
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    fetch_text_js(url).await.map_err(message).map(|text| text.as_string().unwrap_or_default())
}
