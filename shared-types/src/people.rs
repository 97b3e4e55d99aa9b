//! Detainees as the console lists them.

use serde::{Deserialize, Serialize};

/// Remand (prévenu) or convicted (condamné).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegalStatus {
    Remand,
    Convicted,
}

impl LegalStatus {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Remand => "remand",
            Self::Convicted => "convicted",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "remand" => Some(Self::Remand),
            "convicted" => Some(Self::Convicted),
            _ => None,
        }
    }
}

/// A detainee in the console's registry list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DetaineeSummary {
    pub id: String,
    pub establishment_id: String,
    pub registration_number: String,
    pub first_name: String,
    pub last_name: String,
    pub legal_status: LegalStatus,
    pub cell: String,
}
