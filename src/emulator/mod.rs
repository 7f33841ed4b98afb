//! `release-lab api`: Heroku's Platform API over one simulated world, so the
//! real `heroku` CLI can run against Release Lab. Native only.
//!
//! The core is pure: `Emulator::handle` takes a `Request` and gives a
//! `Response`, and `http` is the thin server around it. Reads render the
//! `World` as API objects (`objects`); every change is the command line a
//! terminal would type for it, run through the same session as
//! `release-lab script`, so a request changes the world exactly as the
//! matching command does, and the API's error is that command's refusal
//! (`Effect::failure`) with the id its kind maps to.

pub mod http;
mod pipelines;
mod objects;
mod routes;

use crate::cli::json::{object, Json};
use crate::cli::{self, ErrorKind, Output};
use crate::engine::World;
use crate::session::History;

/// One HTTP request, as the server read it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub method: String,
    /// The path without the query, percent-decoded.
    pub path: String,
    /// The query string, percent-decoded (`eq[name]=shop`).
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(method: &str, path: &str) -> Request {
        Request { method: method.to_string(), path: path.to_string(), ..Request::default() }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    pub fn with_body(mut self, body: &str) -> Request {
        self.body = body.as_bytes().to_vec();
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Response {
    fn json(status: u16, value: &Json) -> Response {
        Response {
            status,
            headers: vec![("content-type", "application/json; charset=utf-8".to_string())],
            body: value.compact(),
        }
    }

    fn ok(value: &Json) -> Response {
        Response::json(200, value)
    }

    fn text(status: u16, body: String) -> Response {
        Response { status, headers: vec![("content-type", "text/plain; charset=utf-8".to_string())], body }
    }

    /// Heroku's error object: `{"id": …, "message": …}`.
    pub fn error(status: u16, id: &str, message: &str) -> Response {
        Response::json(status, &object([("id", id.into()), ("message", message.into())]))
    }

    fn not_found(message: &str) -> Response {
        Response::error(404, "not_found", message)
    }

    /// The body as JSON, for tests.
    pub fn json_body(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// The status and error id the Platform API answers a refusal of this kind
/// with; the id is the one the CLI prints (`cli::errors::api_error_id`).
pub fn error_status(kind: ErrorKind) -> (u16, &'static str) {
    let id = cli::errors::api_error_id(kind);
    let status = match kind {
        ErrorKind::NotFound { .. } => 404,
        ErrorKind::Conflict => 409,
        _ => 422,
    };
    (status, id)
}

/// The Platform API over one world and its session.
pub struct Emulator {
    pub world: World,
    history: History,
    /// Where this server answers, e.g. `http://127.0.0.1:5000`: release
    /// output streams are served under it.
    pub base_url: String,
    /// Pipelines named by `POST /pipelines`, made by their first coupling.
    reserved: Vec<pipelines::Reserved>,
    promotions: Vec<pipelines::Promotion>,
}

impl Emulator {
    pub fn new(world: World, base_url: &str) -> Emulator {
        let history = History::starting_from(world.clone());
        Emulator { world, history, base_url: base_url.trim_end_matches('/').to_string(), reserved: Vec::new(), promotions: Vec::new() }
    }

    /// Runs `script` (as `release-lab script` would) and returns its transcript.
    pub fn run_script(&mut self, script: &str) -> String {
        let mut text = String::new();
        for command in crate::script::commands(script) {
            let output = self.run(command);
            crate::transcript::push(&mut text, command, &output);
        }
        text
    }

    /// Runs one command line in the session, as a terminal would.
    pub fn run(&mut self, line: &str) -> Output {
        self.history.run(&mut self.world, line).0
    }

    /// Runs a composed command and turns a refusal into the API's error.
    pub(crate) fn change(&mut self, words: &[&str]) -> Result<Output, Response> {
        let line = cli::compose::line(words.iter().copied());
        let output = self.run(&line);
        match &output.effect.failure {
            None => Ok(output),
            Some(failure) => {
                let (status, id) = error_status(failure.kind);
                Err(Response::error(status, id, &failure.message))
            }
        }
    }

    pub fn handle(&mut self, request: &Request) -> Response {
        routes::route(self, request)
    }
}
