//! Linking a visitor to a detainee: requests, staff decisions, visit permits.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::establishment::EstablishmentSummary;
use crate::people::LegalStatus;
use crate::problem::{ErrorCode, FieldError};
use crate::validation::{self, Errors, NAME_MAX};
use crate::visits::{LinkStatus, PermitIssuer, past_date};

/// A link request as its visitor follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkView {
    pub id: String,
    pub establishment: EstablishmentSummary,
    /// The detainee's name as the visitor typed it.
    pub detainee_name: String,
    pub status: LinkStatus,
    pub rejection_reason: Option<String>,
    /// Last day of the permit, when approved and limited.
    pub permit_valid_until: Option<String>,
    /// Approved with a permit valid today and not suspended.
    pub can_book: bool,
}

/// A link request as staff review it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRequestReview {
    pub id: String,
    pub visitor_name: String,
    pub visitor_email: String,
    pub detainee_first_name: String,
    pub detainee_last_name: String,
    pub detainee_birth_date: String,
    pub permit_number: Option<String>,
    pub status: LinkStatus,
    /// Unix seconds, UTC.
    pub created_at: i64,
    /// Detainees of the establishment matching the name and birth date given.
    pub candidates: Vec<crate::people::DetaineeSummary>,
}

/// The outcome of a staff decision on a link request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkDecision {
    pub id: String,
    pub status: LinkStatus,
    /// The permit recorded or attached, when approved.
    pub permit_id: Option<String>,
}

/// Staff approve a link, recording the visitor's permit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveLink {
    pub detainee_id: String,
    pub permit_number: String,
    pub issuer: Option<PermitIssuer>,
    /// The visitor's birth date, as on their identity document.
    pub holder_birth_date: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// Staff reject a link, with a reason the visitor sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectLink {
    pub reason: String,
}

impl RejectLink {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "reason", &self.reason, 500);
        e.finish()
    }
}

/// A permit recorded by staff, e.g. for a companion without an account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPermit {
    pub detainee_id: String,
    pub number: String,
    pub issuer: Option<PermitIssuer>,
    pub holder_first_name: String,
    pub holder_last_name: String,
    pub holder_birth_date: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// A visit permit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Permit {
    pub id: String,
    pub detainee_id: String,
    pub number: String,
    pub issuer: PermitIssuer,
    pub holder_name: String,
    pub holder_birth_date: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub suspended: bool,
    pub suspension_reason: Option<String>,
    /// Whether a family-portal account holds it.
    pub has_account: bool,
}

/// A permit in the establishment's list, with the detainee it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermitListing {
    #[serde(flatten)]
    pub permit: Permit,
    pub detainee_name: String,
    pub registration_number: String,
}

/// Staff suspend a permit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuspendPermit {
    pub reason: String,
}

/// Checks the dates and number of a permit being recorded.
pub fn validate_permit_fields(
    e: &mut Errors,
    number: &str,
    valid_from: &str,
    valid_until: Option<&str>,
) {
    validation::required_text(e, "permit_number", number, 40);
    past_date(e, "valid_from", valid_from);
    if let Some(until) = valid_until {
        match (Date::parse(valid_from), Date::parse(until)) {
            (Some(from), Some(until)) if until < from => {
                e.add("valid_until", ErrorCode::InvalidFormat)
            }
            (_, None) => e.add("valid_until", ErrorCode::InvalidFormat),
            _ => {}
        }
    }
}

impl ApproveLink {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "detainee_id", &self.detainee_id, 64);
        validate_permit_fields(
            &mut e,
            &self.permit_number,
            &self.valid_from,
            self.valid_until.as_deref(),
        );
        past_date(&mut e, "holder_birth_date", &self.holder_birth_date);
        e.finish()
    }
}

impl NewPermit {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "detainee_id", &self.detainee_id, 64);
        validate_permit_fields(
            &mut e,
            &self.number,
            &self.valid_from,
            self.valid_until.as_deref(),
        );
        for err in &mut e.0 {
            if err.field == "permit_number" {
                err.field = "number".into();
            }
        }
        validation::required_text(
            &mut e,
            "holder_first_name",
            &self.holder_first_name,
            NAME_MAX,
        );
        validation::required_text(&mut e, "holder_last_name", &self.holder_last_name, NAME_MAX);
        past_date(&mut e, "holder_birth_date", &self.holder_birth_date);
        e.finish()
    }
}

impl PermitIssuer {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Judge => "judge",
            Self::PrisonHead => "prison_head",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "judge" => Some(Self::Judge),
            "prison_head" => Some(Self::PrisonHead),
            _ => None,
        }
    }

    /// Who issues permits for a detainee of this status: the judge while on remand, the prison
    /// head once convicted.
    pub fn for_status(status: LegalStatus) -> Self {
        match status {
            LegalStatus::Remand => Self::Judge,
            LegalStatus::Convicted => Self::PrisonHead,
        }
    }
}

impl LinkStatus {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "pending" => Some(Self::Pending),
            "approved" => Some(Self::Approved),
            "rejected" => Some(Self::Rejected),
            _ => None,
        }
    }
}

/// Whether a permit allows a visit on `day`.
pub fn permit_valid_on(
    valid_from: &str,
    valid_until: Option<&str>,
    suspended: bool,
    day: Date,
) -> bool {
    let from_ok = Date::parse(valid_from).is_some_and(|from| from <= day);
    let until_ok = match valid_until {
        None => true,
        Some(until) => Date::parse(until).is_some_and(|until| day <= until),
    };
    !suspended && from_ok && until_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permit_validity() {
        let day = Date::parse("2026-12-01").unwrap();
        assert!(permit_valid_on("2026-01-01", None, false, day));
        assert!(permit_valid_on(
            "2026-12-01",
            Some("2026-12-01"),
            false,
            day
        ));
        assert!(!permit_valid_on("2026-12-02", None, false, day));
        assert!(!permit_valid_on(
            "2026-01-01",
            Some("2026-11-30"),
            false,
            day
        ));
        assert!(!permit_valid_on("2026-01-01", None, true, day));
    }

    #[test]
    fn issuer_follows_legal_status() {
        assert_eq!(
            PermitIssuer::for_status(LegalStatus::Remand),
            PermitIssuer::Judge
        );
        assert_eq!(
            PermitIssuer::for_status(LegalStatus::Convicted),
            PermitIssuer::PrisonHead
        );
    }

    #[test]
    fn validity_must_not_end_before_it_starts() {
        let a = ApproveLink {
            detainee_id: "d".into(),
            permit_number: "P-1".into(),
            issuer: None,
            holder_birth_date: "1980-02-02".into(),
            valid_from: "2026-12-01".into(),
            valid_until: Some("2026-11-01".into()),
        };
        let fields: Vec<_> = a
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["valid_until"]);
    }
}

/// A visitor joins the waiting list of a full slot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JoinWaitlist {
    pub link_id: String,
    pub slot_id: String,
}

/// Where a waiting-list entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    Waiting,
    /// A place is held for this visitor until `offer_expires_at`.
    Offered,
    Accepted,
    Expired,
    Left,
    /// The slot was closed by the establishment; the visitor was told.
    Closed,
}

impl WaitlistStatus {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Offered => "offered",
            Self::Accepted => "accepted",
            Self::Expired => "expired",
            Self::Left => "left",
            Self::Closed => "closed",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "waiting" => Self::Waiting,
            "offered" => Self::Offered,
            "accepted" => Self::Accepted,
            "expired" => Self::Expired,
            "left" => Self::Left,
            "closed" => Self::Closed,
            _ => return None,
        })
    }
}

/// A visitor's place on a waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub id: String,
    pub slot_id: String,
    pub link_id: String,
    pub room_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: WaitlistStatus,
    /// Unix seconds until which the offered place is held.
    pub offer_expires_at: Option<i64>,
}

/// A visitor takes the place offered to them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptOffer {
    #[serde(default)]
    pub companions: Vec<crate::visits::Companion>,
    pub idempotency_key: String,
}

/// What visitors need to know before coming: address, hours, access, what to bring.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VisitInfo {
    pub address: String,
    pub phone: Option<String>,
    pub opening_hours: String,
    pub access: String,
    pub what_to_bring: String,
    pub accessibility: String,
}

impl VisitInfo {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "address", &self.address, 300);
        if let Some(phone) = &self.phone
            && phone.chars().count() > 30
        {
            e.add("phone", ErrorCode::TooLong);
        }
        for (field, value) in [
            ("opening_hours", &self.opening_hours),
            ("access", &self.access),
            ("what_to_bring", &self.what_to_bring),
            ("accessibility", &self.accessibility),
        ] {
            validation::required_text(&mut e, field, value, 4000);
        }
        e.finish()
    }
}

/// A visitor moves a booking to another slot (same detainee), until the deadline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeBooking {
    pub slot_id: String,
    /// Chosen once per change attempt: a repeated request changes once.
    pub idempotency_key: String,
    /// The new party; the booking's current one when absent.
    pub companions: Option<Vec<crate::visits::Companion>>,
}
