//! The JSON body extractor: names the field that is wrong and why, as a problem document.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use shared_types::{ErrorCode, FieldError};

use crate::error::ApiError;

/// Like `axum::Json`, but rejections are problem documents with the failing field.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim();
                mime.eq_ignore_ascii_case("application/json")
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest("Le corps de la requête n'a pas pu être lu.".into())
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body, telling a syntax error (400) from a wrong field (422).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = result.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                ApiError::Validation(vec![field_error(&path, &inner.to_string())])
            }
            _ => ApiError::BadRequest(format!("JSON invalide : {inner}")),
        }
    })?;
    de.end()
        .map_err(|e| ApiError::BadRequest(format!("JSON invalide : {e}")))?;
    Ok(value)
}

/// Turns serde's message into a field error. serde reports a missing field at the parent's
/// path and names it only in the message, so the name is taken from there.
fn field_error(path: &str, message: &str) -> FieldError {
    let quoted = message.split('`').nth(1).unwrap_or_default();
    let (field, code) = if message.starts_with("missing field") {
        (join(path, quoted), ErrorCode::Required)
    } else if message.starts_with("unknown field") {
        (join(path, quoted), ErrorCode::UnknownField)
    } else if message.starts_with("invalid type") {
        (path.to_owned(), ErrorCode::InvalidType)
    } else {
        (path.to_owned(), ErrorCode::InvalidFormat)
    };
    FieldError {
        field,
        code,
        message: format!(
            "{} ({})",
            code.french(),
            message.split(" at line").next().unwrap_or(message)
        ),
    }
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "." {
        name.to_owned()
    } else if parent == name || parent.ends_with(&format!(".{name}")) {
        // serde_path_to_error already put an unknown field's name in the path.
        parent.to_owned()
    } else if name.is_empty() {
        parent.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::auth::VisitorSignIn;

    fn problem(body: &str) -> shared_types::Problem {
        parse::<VisitorSignIn>(body.as_bytes())
            .unwrap_err()
            .problem()
    }

    #[test]
    fn syntax_errors_are_400() {
        assert_eq!(problem("{\"email\":").status, 400);
        assert_eq!(
            problem(r#"{"email":"a@b.fr","password":"x"} trailing"#).status,
            400
        );
    }

    #[test]
    fn missing_field_is_named() {
        let p = problem(r#"{"email":"a@b.fr"}"#);
        assert_eq!(p.status, 422);
        assert_eq!(p.errors[0].field, "password");
        assert_eq!(p.errors[0].code, ErrorCode::Required);
    }

    #[test]
    fn wrong_type_is_named() {
        let p = problem(r#"{"email":"a@b.fr","password":12}"#);
        assert_eq!(p.errors[0].field, "password");
        assert_eq!(p.errors[0].code, ErrorCode::InvalidType);
    }

    #[test]
    fn unknown_field_is_named() {
        let p = problem(r#"{"email":"a@b.fr","password":"x","role":"admin"}"#);
        assert_eq!(p.errors[0].field, "role");
        assert_eq!(p.errors[0].code, ErrorCode::UnknownField);
    }
}
