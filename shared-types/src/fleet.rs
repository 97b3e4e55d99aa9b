//! Terminals (in-cell tablets and shared terminals) and their enrolment.

use serde::{Deserialize, Serialize};

use crate::problem::FieldError;
use crate::validation::{self, Errors};

/// Lifecycle of a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TerminalStatusKind {
    Stock,
    /// An enrolment code was issued; the device has not used it yet.
    Pending,
    Enrolled,
    Deployed,
    Faulty,
    Repair,
    Retired,
}

impl TerminalStatusKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Stock => "stock",
            Self::Pending => "pending",
            Self::Enrolled => "enrolled",
            Self::Deployed => "deployed",
            Self::Faulty => "faulty",
            Self::Repair => "repair",
            Self::Retired => "retired",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Stock,
            Self::Pending,
            Self::Enrolled,
            Self::Deployed,
            Self::Faulty,
            Self::Repair,
            Self::Retired,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// A terminal as listed in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TerminalSummary {
    pub id: String,
    pub establishment_id: String,
    pub location: String,
    pub status: TerminalStatusKind,
    /// Unix seconds, UTC.
    pub enrolled_at: Option<i64>,
}

/// An agent prepares a terminal for enrolment at a location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTerminal {
    /// Cell or activity room, e.g. "Cellule A-114".
    pub location: String,
}

impl NewTerminal {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "location", &self.location, 100);
        e.finish()
    }
}

/// The one-time code to type on the device, shown once to the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentCode {
    pub terminal_id: String,
    pub code: String,
    /// Unix seconds, UTC.
    pub expires_at: i64,
}
