//! Typed JSON client for the NED API: same-origin requests, problem+json errors parsed.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared_types::{FieldError, Problem};
use web_sys::RequestCredentials;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API answered with an RFC 9457 problem (or an error status we turned into one).
    Problem(Problem),
    /// The request never got an answer (network down, server unreachable).
    Network(String),
    /// The answer was not the JSON we expected.
    Decode(String),
}

impl ApiError {
    /// The HTTP status, when the API answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Problem(p) => Some(p.status),
            _ => None,
        }
    }

    /// Per-field errors sent by the API, if any.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    /// The API's explanation, safe to show to the user, if it sent one.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Self::Problem(p) => p.detail.as_deref().or(Some(p.title.as_str())),
            _ => None,
        }
        .filter(|d| !d.trim().is_empty())
    }

    /// The problem's machine-readable code (`order.price_changed`…), empty when there is none.
    pub fn code(&self) -> &str {
        match self {
            Self::Problem(p) => p.code.as_str(),
            _ => "",
        }
    }

    /// Whether the API refused with this domain code.
    pub fn is<R: shared_types::refusals::Refusal>(&self, refusal: R) -> bool {
        self.code() == refusal.code()
    }

    /// True when the caller is not signed in (HTTP 401).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

impl From<Vec<FieldError>> for ApiError {
    /// Local validation failures take the same shape as the API's, so forms handle one type.
    fn from(errors: Vec<FieldError>) -> Self {
        Self::Problem(Problem {
            kind: "about:blank#validation".into(),
            title: String::new(),
            status: 422,
            code: "validation".into(),
            detail: None,
            total_cents: None,
            errors,
        })
    }
}

/// `GET path`, JSON answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(builder(Request::get(path)).build()).await?;
    decode(response).await
}

/// `POST path` with a JSON body, JSON answer.
pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let response = send(builder(Request::post(path)).json(body)).await?;
    decode(response).await
}

/// `POST path` with a JSON body, answer body ignored (actions the API answers with 204, or
/// whose answer the page does not need).
pub async fn post_no_answer<B: Serialize + ?Sized>(path: &str, body: &B) -> Result<(), ApiError> {
    let response = send(builder(Request::post(path)).json(body)).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem_of(response).await)
    }
}

/// `PUT path` with a JSON body, JSON answer.
pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let response = send(builder(Request::put(path)).json(body)).await?;
    decode(response).await
}

/// `PUT path` with a JSON body, answer body ignored (settings the API answers with 204).
pub async fn put_no_answer<B: Serialize + ?Sized>(path: &str, body: &B) -> Result<(), ApiError> {
    let response = send(builder(Request::put(path)).json(body)).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem_of(response).await)
    }
}

/// `DELETE path`, answer body ignored (the API answers 204).
pub async fn delete(path: &str) -> Result<(), ApiError> {
    let response = send(builder(Request::delete(path)).build()).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem_of(response).await)
    }
}

/// `value` escaped for a query string (`?q=…`), as the browser's `encodeURIComponent`.
pub fn query_value(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// `DELETE path`, JSON answer (for endpoints that answer with what is left, e.g. a basket).
pub async fn delete_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(builder(Request::delete(path)).build()).await?;
    decode(response).await
}

/// `POST path` without a body, JSON answer (actions such as "cancel this order").
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(builder(Request::post(path)).build()).await?;
    decode(response).await
}

fn builder(request: RequestBuilder) -> RequestBuilder {
    request
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json, application/problem+json")
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Decode(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(problem_of(response).await);
    }
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
}

/// Reads a problem body; a proxy or a crash may answer without one, so we build it from the status.
async fn problem_of(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let problem = serde_json::from_str::<Problem>(&text).unwrap_or_else(|_| Problem {
        kind: "about:blank".into(),
        title: String::new(),
        status,
        code: String::new(),
        detail: None,
        total_cents: None,
        errors: Vec::new(),
    });
    ApiError::Problem(problem)
}
