//! RFC 9457 problem details, the one error shape every API failure takes.

use serde::{Deserialize, Serialize};

/// An RFC 9457 `application/problem+json` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `https://ned.example/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short French summary, the same for every occurrence of this kind.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Machine-readable reason (`order.not_placed`, `window.closed`, `validation`, …): what the
    /// apps switch on. See `shared_types::refusals`.
    #[serde(default)]
    pub code: String,
    /// French explanation of this occurrence, safe to show to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For `order.price_changed`: the order's total at today's prices, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cents: Option<i64>,
    /// Per-field validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// What is wrong with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON path of the field, e.g. `email` or `companions[1].birth_date`.
    pub field: String,
    /// Machine code, which browser apps translate.
    pub code: ErrorCode,
    /// French message for API clients that do not translate codes.
    pub message: String,
}

/// Why a field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooShort,
    TooLong,
    InvalidEmail,
    InvalidFormat,
    InvalidType,
    UnknownField,
}

impl FieldError {
    /// A field error with the default French message for `code`.
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        Self {
            field: field.into(),
            code,
            message: code.french().to_owned(),
        }
    }
}

impl ErrorCode {
    /// Default French message, for API clients; the browser apps use their translation files.
    pub fn french(self) -> &'static str {
        match self {
            ErrorCode::Required => "Ce champ est obligatoire.",
            ErrorCode::TooShort => "Ce champ est trop court.",
            ErrorCode::TooLong => "Ce champ est trop long.",
            ErrorCode::InvalidEmail => "Cette adresse e-mail n'est pas valide.",
            ErrorCode::InvalidFormat => "Ce champ n'a pas le bon format.",
            ErrorCode::InvalidType => "Ce champ n'a pas le bon type.",
            ErrorCode::UnknownField => "Ce champ n'est pas attendu.",
        }
    }
}
