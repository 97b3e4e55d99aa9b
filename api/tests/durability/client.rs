//! The simulated clients' HTTP: `reqwest` over loopback, one cookie jar per simulated client
//! (a tablet's terminal credential and session, the officer's session), same-origin fetch
//! metadata on every request, and an answer told apart from no answer at all.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use serde_json::Value;

/// One request's limit; a live server on loopback answers in milliseconds.
const REQUEST_LIMIT: Duration = Duration::from_secs(20);

/// One simulated client: its clones share its cookie jar, as the requests of one tablet do.
#[derive(Clone)]
pub struct Client {
    /// The server's address, changed when it restarts on a new port; the cookies are kept
    /// (cookies are the host's, whatever the port).
    pub addr: SocketAddr,
    http: reqwest::Client,
}

/// An HTTP answer: status and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// The body as JSON, `Null` when it is not.
    pub json: Value,
    pub text: String,
}

/// No answer, or only part of one: the server is gone (refused, reset, cut short) or it took
/// longer than the request's limit.
pub struct NoAnswer(reqwest::Error);

impl fmt::Debug for NoAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no answer: {}", self.0)
    }
}

impl Client {
    /// A new client with an empty cookie jar.
    pub fn new(addr: SocketAddr) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        // What a browser says of a request from the server's own pages: the CSRF guard
        // accepts writes with it (`api/src/http/csrf.rs`).
        headers.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .timeout(REQUEST_LIMIT)
            // Loopback only, whatever the environment says of proxies.
            .no_proxy()
            // One connection per request, as the kill finds them; none is sent twice.
            .pool_max_idle_per_host(0)
            .retry(reqwest::retry::never())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Self { addr, http }
    }

    pub async fn get(&self, path: &str) -> Result<Answer, NoAnswer> {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Result<Answer, NoAnswer> {
        self.send(Method::POST, path, Some(&body)).await
    }

    /// The whole answer, or why there was none.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, NoAnswer> {
        assert!(self.addr.ip().is_loopback(), "loopback only: {}", self.addr);
        let mut request = self
            .http
            .request(method, format!("http://{}{path}", self.addr));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(no_answer)?;
        let status = response.status().as_u16();
        // A body cut short by the kill is no answer either.
        let body = response.bytes().await.map_err(no_answer)?;
        Ok(Answer {
            status,
            json: serde_json::from_slice(&body).unwrap_or(Value::Null),
            text: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

/// A request that could not even be built is the test's mistake, not a server's silence.
fn no_answer(e: reqwest::Error) -> NoAnswer {
    assert!(!e.is_builder(), "a malformed request: {e}");
    NoAnswer(e)
}
