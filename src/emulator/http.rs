//! The HTTP shell: axum on a single-threaded tokio runtime, bound to
//! loopback only. Each request locks the one `Emulator` and is answered by
//! `Emulator::handle`; nothing here knows a route.

use super::{Emulator, Request, Response};
use axum::body::{to_bytes, Body};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

/// Requests larger than this are refused (the 32 kB config limit is far below it).
const MAX_BODY_BYTES: usize = 1 << 20;

/// Binds 127.0.0.1:`port` (0 picks a free one), calls `ready` with the
/// address, then serves until the process ends.
pub fn serve(
    port: u16,
    build: impl FnOnce(SocketAddr) -> Emulator,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        let address = listener.local_addr()?;
        let emulator = Arc::new(Mutex::new(build(address)));
        let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
            let emulator = Arc::clone(&emulator);
            async move { answer(&emulator, request).await }
        });
        ready(address);
        axum::serve(listener, app).await
    })
}

async fn answer(emulator: &Mutex<Emulator>, request: axum::extract::Request) -> axum::response::Response {
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => return reply(Response::error(413, "request_entity_too_large", "The request body is too large.")),
    };
    let request = Request {
        method: parts.method.as_str().to_string(),
        path: percent_decode(parts.uri.path()),
        query: percent_decode(parts.uri.query().unwrap_or_default()),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        body,
    };
    // A panic in one request poisons the lock; the world is still whole
    // (every change is validated before it mutates), so keep serving.
    let response = match emulator.lock() {
        Ok(mut emulator) => emulator.handle(&request),
        Err(poisoned) => poisoned.into_inner().handle(&request),
    };
    reply(response)
}

fn reply(response: Response) -> axum::response::Response {
    let mut reply = axum::response::Response::new(Body::from(response.body));
    *reply.status_mut() = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            reply.headers_mut().insert(HeaderName::from_static(name), value);
        }
    }
    reply
}

/// `%40` → `@`; app and add-on names never need more.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}
