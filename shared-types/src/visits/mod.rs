//! Visits: rules, rooms, slots, permits, link requests and bookings.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::problem::{ErrorCode, FieldError};
use crate::validation::{self, Errors, NAME_MAX};

pub mod rules;
mod setup;

pub use rules::{PartyProblem, check_party};
pub use setup::*;

/// Visits a week the law guarantees a remand detainee (at least three a week, code
/// pénitentiaire); staff cannot set fewer.
pub const LEGAL_MIN_WEEKLY_REMAND: u32 = 3;
/// Visits a week the law guarantees a convicted detainee (at least one a week).
pub const LEGAL_MIN_WEEKLY_CONVICTED: u32 = 1;
/// Age from which a companion counts as an adult.
pub const ADULT_AGE: i32 = 18;

/// Kind of visiting room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoomKind {
    /// Parloir.
    Standard,
    /// Parloir hygiaphone (separated visits).
    Separated,
    /// Salon familial.
    FamilyRoom,
    /// Unité de vie familiale (UVF).
    FamilyUnit,
}

impl RoomKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Separated => "separated",
            Self::FamilyRoom => "family_room",
            Self::FamilyUnit => "family_unit",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Standard,
            Self::Separated,
            Self::FamilyRoom,
            Self::FamilyUnit,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// An establishment's booking rules, edited by its staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VisitRules {
    /// Booking opens this many days before the visit.
    pub opens_days_before: u32,
    /// Booking, change and cancellation close this many hours before the visit.
    pub closes_hours_before: u32,
    /// Visits a week for a remand detainee (at least 3).
    pub weekly_remand: u32,
    /// Visits a week for a convicted detainee (at least 1).
    pub weekly_convicted: u32,
    /// Adults per visit, the booking visitor included.
    pub max_adults: u32,
    /// People per visit, adults and minors.
    pub max_people: u32,
    /// Minutes a waiting-list offer stays open.
    pub offer_minutes: u32,
}

impl Default for VisitRules {
    fn default() -> Self {
        Self {
            opens_days_before: 28,
            closes_hours_before: 24,
            weekly_remand: LEGAL_MIN_WEEKLY_REMAND,
            weekly_convicted: LEGAL_MIN_WEEKLY_CONVICTED,
            max_adults: 3,
            max_people: 4,
            offer_minutes: 240,
        }
    }
}

impl VisitRules {
    /// Field errors, if any: ranges, and never below the legal minimums.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let mut range = |field: &str, v: u32, min: u32, max: u32| {
            if v < min {
                e.add(field, ErrorCode::TooShort);
            } else if v > max {
                e.add(field, ErrorCode::TooLong);
            }
        };
        range("opens_days_before", self.opens_days_before, 1, 90);
        range("closes_hours_before", self.closes_hours_before, 0, 168);
        range(
            "weekly_remand",
            self.weekly_remand,
            LEGAL_MIN_WEEKLY_REMAND,
            21,
        );
        range(
            "weekly_convicted",
            self.weekly_convicted,
            LEGAL_MIN_WEEKLY_CONVICTED,
            21,
        );
        range("max_adults", self.max_adults, 1, 10);
        range("max_people", self.max_people, self.max_adults.max(1), 12);
        range("offer_minutes", self.offer_minutes, 15, 24 * 60);
        let mut errors = e.0;
        for err in &mut errors {
            if err.code == ErrorCode::TooShort && err.field.starts_with("weekly_") {
                err.message = "La loi garantit un minimum de visites par semaine : \
                               3 pour une personne prévenue, 1 pour une personne condamnée."
                    .into();
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The weekly quota for a legal status.
    pub fn weekly_quota(&self, status: crate::people::LegalStatus) -> u32 {
        match status {
            crate::people::LegalStatus::Remand => self.weekly_remand,
            crate::people::LegalStatus::Convicted => self.weekly_convicted,
        }
    }
}

/// A new visiting room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    pub name: String,
    pub kind: RoomKind,
    /// Tables, i.e. visits held at once.
    pub capacity: u32,
}

impl NewRoom {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "name", &self.name, 100);
        if self.capacity == 0 {
            e.add("capacity", ErrorCode::TooShort);
        } else if self.capacity > 200 {
            e.add("capacity", ErrorCode::TooLong);
        }
        e.finish()
    }
}

/// A visiting room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Room {
    pub id: String,
    pub establishment_id: String,
    pub name: String,
    pub kind: RoomKind,
    pub capacity: u32,
}

/// A weekly recurring slot of a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSlotTemplate {
    pub room_id: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Start, Paris time, `HH:MM`.
    pub start: String,
    pub duration_minutes: u32,
    /// First day the template applies, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day, if any.
    pub valid_until: Option<String>,
}

/// A bookable slot as a visitor or an agent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    pub id: String,
    pub room_id: String,
    pub room_name: String,
    pub room_kind: RoomKind,
    /// Unix seconds, UTC.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: u32,
    pub places_left: u32,
}

/// Who issued a permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PermitIssuer {
    /// The investigating judge, for a remand detainee.
    Judge,
    /// The head of the prison, for a convicted detainee.
    PrisonHead,
}

/// A visitor asks to be linked to a detainee.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewLinkRequest {
    pub establishment_id: String,
    pub detainee_first_name: String,
    pub detainee_last_name: String,
    /// `YYYY-MM-DD`.
    pub detainee_birth_date: String,
    pub permit_number: Option<String>,
}

impl NewLinkRequest {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "establishment_id", &self.establishment_id, 64);
        validation::required_text(
            &mut e,
            "detainee_first_name",
            &self.detainee_first_name,
            NAME_MAX,
        );
        validation::required_text(
            &mut e,
            "detainee_last_name",
            &self.detainee_last_name,
            NAME_MAX,
        );
        past_date(&mut e, "detainee_birth_date", &self.detainee_birth_date);
        if let Some(n) = &self.permit_number
            && n.chars().count() > 40
        {
            e.add("permit_number", ErrorCode::TooLong);
        }
        e.finish()
    }
}

/// Where a link request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    Pending,
    Approved,
    Rejected,
}

/// A person coming with the booking visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Companion {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Required for adults: their own visit permit for this detainee.
    pub permit_number: Option<String>,
}

/// A visitor books a slot for a linked detainee.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewBooking {
    pub link_id: String,
    pub slot_id: String,
    #[serde(default)]
    pub companions: Vec<Companion>,
    /// Chosen by the client once per booking attempt: a repeated POST creates one booking.
    pub idempotency_key: String,
}

impl NewBooking {
    /// Field errors, if any (each companion's fields, by position). Birth dates are only
    /// checked to be real days: [`NewBooking::validate_on`] also refuses those in the future.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        self.errors(None).finish()
    }

    /// Field errors, if any, with every companion's birth date a real day, not after `today`.
    pub fn validate_on(&self, today: Date) -> Result<(), Vec<FieldError>> {
        self.errors(Some(today)).finish()
    }

    fn errors(&self, today: Option<Date>) -> Errors {
        let mut e = Errors::default();
        validation::required_text(&mut e, "link_id", &self.link_id, 64);
        validation::required_text(&mut e, "slot_id", &self.slot_id, 64);
        validation::required_text(&mut e, "idempotency_key", &self.idempotency_key, 64);
        if self.companions.len() > 11 {
            e.add("companions", ErrorCode::TooLong);
        }
        for (i, c) in self.companions.iter().enumerate() {
            let f = |name: &str| format!("companions[{i}].{name}");
            validation::required_text(&mut e, &f("first_name"), &c.first_name, NAME_MAX);
            validation::required_text(&mut e, &f("last_name"), &c.last_name, NAME_MAX);
            companion_birth_date(&mut e, &f("birth_date"), &c.birth_date, today);
        }
        e
    }
}

/// Checks a companion's birth date: a real day and, when `today` is known, not in the future.
pub fn companion_birth_date(e: &mut Errors, field: &str, value: &str, today: Option<Date>) {
    match today {
        Some(today) => validation::birth_date(e, field, value, today),
        None => past_date(e, field, value),
    }
}

/// Status of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Booked,
    Cancelled,
    CheckedIn,
    NoShow,
}

impl BookingStatus {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Cancelled => "cancelled",
            Self::CheckedIn => "checked_in",
            Self::NoShow => "no_show",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Booked, Self::Cancelled, Self::CheckedIn, Self::NoShow]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// A booking as its visitor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: String,
    pub slot_id: String,
    pub establishment_name: String,
    pub detainee_name: String,
    pub room_name: String,
    pub room_kind: RoomKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: BookingStatus,
    pub companions: Vec<Companion>,
    pub cancel_reason: Option<String>,
}

/// Checks a `YYYY-MM-DD` field that must be a real date.
pub fn past_date(e: &mut Errors, field: &str, value: &str) {
    if value.trim().is_empty() {
        e.add(field, ErrorCode::Required);
    } else if Date::parse(value).is_none() {
        e.add(field, ErrorCode::InvalidFormat);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_cannot_go_below_the_legal_minimums() {
        let rules = VisitRules {
            weekly_remand: 2,
            weekly_convicted: 0,
            ..VisitRules::default()
        };
        let errors = rules.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["weekly_remand", "weekly_convicted"]);
        assert!(errors[0].message.contains("minimum"));
        assert!(VisitRules::default().validate().is_ok());
    }

    #[test]
    fn companion_fields_are_named_by_position() {
        let b = NewBooking {
            link_id: "l".into(),
            slot_id: "s".into(),
            idempotency_key: "k".into(),
            companions: vec![Companion {
                first_name: "Léa".into(),
                last_name: "".into(),
                birth_date: "2018-13-01".into(),
                permit_number: None,
            }],
        };
        let fields: Vec<_> = b
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["companions[0].last_name", "companions[0].birth_date"]
        );
    }

    #[test]
    fn a_companion_born_in_the_future_is_refused() {
        let b = NewBooking {
            link_id: "l".into(),
            slot_id: "s".into(),
            idempotency_key: "k".into(),
            companions: vec![Companion {
                first_name: "Léa".into(),
                last_name: "Martin".into(),
                birth_date: "2031-03-01".into(),
                permit_number: None,
            }],
        };
        let today = Date::parse("2026-12-01").unwrap();
        let errors = b.validate_on(today).unwrap_err();
        assert_eq!(errors[0].field, "companions[0].birth_date");
        assert!(errors[0].message.contains("futur"), "{}", errors[0].message);
        let born = NewBooking {
            companions: vec![Companion {
                birth_date: "2019-03-01".into(),
                ..b.companions[0].clone()
            }],
            ..b
        };
        assert!(born.validate_on(today).is_ok());
    }
}
