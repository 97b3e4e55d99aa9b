//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared_types::refusals::Refusal;
use shared_types::{FieldError, Problem};

/// Everything a handler can fail with. Each variant maps to one status and problem type.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON at all, or not the declared content type.
    #[error("malformed request: {0}")]
    BadRequest(String),
    /// The body is JSON but some fields are wrong.
    #[error("invalid fields")]
    Validation(Vec<FieldError>),
    #[error("not signed in: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The command does not apply to the record as it is now (409), with the refusal's code.
    #[error("conflict {code}: {detail}")]
    Conflict {
        code: &'static str,
        detail: String,
        /// For a price change: the new total.
        total_cents: Option<i64>,
    },
    /// A rule forbids it for this person (403), with the refusal's code.
    #[error("denied {code}: {detail}")]
    Denied { code: &'static str, detail: String },
    /// A one-time link that no longer leads anywhere (used, replaced, expired or never issued).
    #[error("gone: {0}")]
    Gone(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests { detail: String, retry_after: i64 },
    /// A fault on our side. The message is logged, never sent.
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 409 with a domain code and a French explanation.
    pub fn conflict(refusal: impl Refusal, detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            code: refusal.code(),
            detail: detail.into(),
            total_cents: None,
        }
    }

    /// A 403 with a domain code and a French explanation.
    pub fn denied(refusal: impl Refusal, detail: impl Into<String>) -> Self {
        ApiError::Denied {
            code: refusal.code(),
            detail: detail.into(),
        }
    }

    /// The machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Conflict { code, .. } | ApiError::Denied { code, .. } => code,
            other => other.parts().1,
        }
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Requête mal formée"),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Certains champs ne sont pas valides",
            ),
            Unauthorized(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Connexion requise",
            ),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Accès refusé"),
            NotFound => (StatusCode::NOT_FOUND, "not-found", "Introuvable"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Méthode non autorisée",
            ),
            Conflict { .. } => (StatusCode::CONFLICT, "conflict", "Conflit"),
            Denied { .. } => (StatusCode::FORBIDDEN, "forbidden", "Accès refusé"),
            Gone(_) => (StatusCode::GONE, "gone", "Lien plus valable"),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Requête trop volumineuse",
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Format non pris en charge",
            ),
            TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Trop de tentatives",
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Erreur interne",
            ),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, slug, title) = self.parts();
        let detail = match self {
            ApiError::BadRequest(d)
            | ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::Gone(d) => Some(d.clone()),
            ApiError::Conflict { detail, .. } | ApiError::Denied { detail, .. } => {
                Some(detail.clone())
            }
            ApiError::TooManyRequests { detail, .. } => Some(detail.clone()),
            ApiError::NotFound => Some("Cette adresse n'existe pas.".into()),
            ApiError::PayloadTooLarge => Some("La requête dépasse la taille autorisée.".into()),
            ApiError::UnsupportedMediaType => {
                Some("Envoyez un corps JSON (Content-Type: application/json).".into())
            }
            ApiError::Internal(_) => {
                Some("Une erreur est survenue de notre côté. Réessayez dans un instant.".into())
            }
            ApiError::Validation(_) => Some("Corrigez les champs indiqués.".into()),
            ApiError::MethodNotAllowed => None,
        };
        Problem {
            kind: format!("urn:ned:problem:{slug}"),
            title: title.into(),
            status: status.as_u16(),
            code: self.code().replace('-', "_"),
            detail,
            total_cents: match self {
                ApiError::Conflict { total_cents, .. } => *total_cents,
                _ => None,
            },
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(message) = &self {
            tracing::error!(%message, "internal error");
        }
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::TooManyRequests { retry_after, .. } = &self
            && let Ok(v) = HeaderValue::from_str(&retry_after.max(&1).to_string())
        {
            headers.insert(header::RETRY_AFTER, v);
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Internal(format!("database: {e}"))
    }
}

impl From<tower_sessions::session::Error> for ApiError {
    fn from(e: tower_sessions::session::Error) -> Self {
        ApiError::Internal(format!("session: {e}"))
    }
}

impl From<Vec<FieldError>> for ApiError {
    fn from(errors: Vec<FieldError>) -> Self {
        ApiError::Validation(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::ErrorCode;

    #[test]
    fn validation_lists_fields() {
        let p =
            ApiError::Validation(vec![FieldError::new("email", ErrorCode::InvalidEmail)]).problem();
        assert_eq!(p.status, 422);
        assert_eq!(p.errors[0].field, "email");
        assert_eq!(p.kind, "urn:ned:problem:validation");
    }

    #[test]
    fn internal_details_are_not_leaked() {
        let p = ApiError::Internal("database: password authentication failed".into()).problem();
        assert_eq!(p.status, 500);
        assert!(!p.detail.unwrap_or_default().contains("password"));
    }
}
