//! The visiting-room desk: the day list, check-in, and restrictions on a detainee's visits.

use serde::{Deserialize, Serialize};

use crate::problem::{ErrorCode, FieldError};
use crate::validation::{self, Errors};
use crate::visits::{BookingStatus, RoomKind, past_date};

/// One visit on the day list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskBooking {
    pub id: String,
    pub status: BookingStatus,
    pub visitor_name: String,
    pub visitor_phone: Option<String>,
    pub detainee_name: String,
    pub registration_number: String,
    pub cell: String,
    /// "Sofia Martin", "Léo Martin (enfant)".
    pub companions: Vec<String>,
    /// Booked by staff for a visitor who phoned.
    pub booked_by_staff: bool,
}

/// A slot of the day with its visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskSlot {
    pub slot_id: String,
    pub room_name: String,
    pub room_kind: RoomKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: u32,
    pub blocked: bool,
    pub bookings: Vec<DeskBooking>,
}

/// A visitor linked to a detainee, as staff pick them to book on their behalf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DetaineeLink {
    /// The approved link request, which a staff booking names.
    pub id: String,
    pub visitor_name: String,
    pub visitor_email: String,
    pub visitor_phone: Option<String>,
    pub permit_number: String,
    /// The visitor's permit is valid today and not suspended.
    pub can_book: bool,
}

/// Kind of restriction on a detainee's visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RestrictionKind {
    /// Visits only in a room with a separation (hygiaphone).
    SeparatedOnly,
    /// One visitor (by permit) may not visit.
    VisitorBanned,
}

impl RestrictionKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::SeparatedOnly => "separated_only",
            Self::VisitorBanned => "visitor_banned",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "separated_only" => Some(Self::SeparatedOnly),
            "visitor_banned" => Some(Self::VisitorBanned),
            _ => None,
        }
    }
}

/// Staff restrict a detainee's visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRestriction {
    pub kind: RestrictionKind,
    /// The banned visitor's permit, for `visitor_banned`.
    pub permit_id: Option<String>,
    pub reason: String,
    /// Last day, `YYYY-MM-DD`; open-ended when absent.
    pub valid_until: Option<String>,
}

impl NewRestriction {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "reason", &self.reason, 500);
        if self.kind == RestrictionKind::VisitorBanned
            && self
                .permit_id
                .as_deref()
                .is_none_or(|p| p.trim().is_empty())
        {
            e.add("permit_id", ErrorCode::Required);
        }
        if let Some(until) = &self.valid_until {
            past_date(&mut e, "valid_until", until);
        }
        e.finish()
    }
}

/// A restriction as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Restriction {
    pub id: String,
    pub kind: RestrictionKind,
    pub permit_id: Option<String>,
    pub reason: String,
    pub valid_until: Option<String>,
    pub lifted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_names_the_permit() {
        let r = NewRestriction {
            kind: RestrictionKind::VisitorBanned,
            permit_id: None,
            reason: "Incident au parloir".into(),
            valid_until: Some("2027-01-01".into()),
        };
        let fields: Vec<_> = r
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["permit_id"]);
    }
}
