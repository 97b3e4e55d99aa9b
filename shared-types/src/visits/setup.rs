//! Console set-up of visits: rooms, slot templates, slot generation, closures.

use super::*;

/// Parses a Paris wall-clock time `HH:MM` (00:00–23:59) into minutes after midnight.
pub fn parse_hh_mm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Formats minutes after midnight as `HH:MM`.
pub fn format_hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Shortest and longest slot a template may describe, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u32> = 15..=600;
/// Most days generated, listed or closed in one request.
pub const MAX_RANGE_DAYS: u32 = 90;
/// Longest closure, in days.
pub const MAX_CLOSURE_DAYS: i64 = 366;

/// Checks an optional end date: a real date, not before `from` (when `from` is valid).
fn end_date(e: &mut Errors, field: &str, from: &str, until: &str) {
    match (Date::parse(from), Date::parse(until)) {
        (_, None) => e.add(field, ErrorCode::InvalidFormat),
        (Some(f), Some(u)) if u < f => e.0.push(FieldError {
            field: field.into(),
            code: ErrorCode::TooShort,
            message: "La date de fin ne peut pas précéder la date de début.".into(),
        }),
        _ => {}
    }
}

impl NewSlotTemplate {
    /// Field errors, if any: weekday 1–7, `HH:MM` start, duration within the day, dates in order.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "room_id", &self.room_id, 64);
        if self.weekday < 1 {
            e.add("weekday", ErrorCode::TooShort);
        } else if self.weekday > 7 {
            e.add("weekday", ErrorCode::TooLong);
        }
        let start = parse_hh_mm(&self.start);
        if start.is_none() {
            e.add("start", ErrorCode::InvalidFormat);
        }
        if self.duration_minutes < *SLOT_MINUTES.start() {
            e.add("duration_minutes", ErrorCode::TooShort);
        } else if self.duration_minutes > *SLOT_MINUTES.end()
            || start.is_some_and(|s| s + self.duration_minutes > 24 * 60)
        {
            // A slot ends the day it starts: visiting rooms close at night.
            e.add("duration_minutes", ErrorCode::TooLong);
        }
        past_date(&mut e, "valid_from", &self.valid_from);
        if let Some(until) = &self.valid_until {
            end_date(&mut e, "valid_until", &self.valid_from, until);
        }
        e.finish()
    }

    /// The start in minutes after midnight, Paris time (once validated).
    pub fn start_minute(&self) -> Option<u32> {
        parse_hh_mm(&self.start)
    }
}

/// A room's new name and capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomChange {
    pub name: String,
    /// Tables; not below the bookings already held on a future slot of the room.
    pub capacity: u32,
}

impl RoomChange {
    /// Field errors, if any (the same rules as a new room).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        NewRoom {
            name: self.name.clone(),
            kind: RoomKind::Standard,
            capacity: self.capacity,
        }
        .validate()
    }
}

/// A weekly slot template as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotTemplate {
    pub id: String,
    pub room_id: String,
    pub room_name: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Paris time, `HH:MM`.
    pub start: String,
    pub duration_minutes: u32,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// A range of Paris days: `days` days from `from` (`YYYY-MM-DD`). Body of slot generation and
/// query of the slot list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DayRange {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Number of days, 1 to 90.
    pub days: u32,
}

impl DayRange {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        past_date(&mut e, "from", &self.from);
        if self.days < 1 {
            e.add("days", ErrorCode::TooShort);
        } else if self.days > MAX_RANGE_DAYS {
            e.add("days", ErrorCode::TooLong);
        }
        e.finish()
    }
}

/// How many slots a generation created (0 when they all existed already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeneratedSlots {
    pub created: u32,
}

/// A slot as the console sees it: bookings held, and whether it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentSlot {
    pub id: String,
    pub room_id: String,
    pub room_name: String,
    pub room_kind: RoomKind,
    /// Unix seconds, UTC.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: u32,
    pub booked: u32,
    pub places_left: u32,
    /// Closed by staff: not bookable.
    pub blocked: bool,
    pub block_reason: Option<String>,
    /// Open to visitors' bookings now: not blocked, a place left, not started.
    pub bookable: bool,
}

/// Staff close days (all rooms, or one) to visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewClosure {
    /// First closed day, Paris time, `YYYY-MM-DD`.
    pub from: String,
    /// Last closed day, included.
    pub until: String,
    /// One room only; every room when absent.
    #[serde(default)]
    pub room_id: Option<String>,
    /// Shown to staff and told to the visitors whose bookings are cancelled.
    pub reason: String,
}

impl NewClosure {
    /// Field errors, if any: real dates in order, at most a year, a reason.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        past_date(&mut e, "from", &self.from);
        end_date(&mut e, "until", &self.from, &self.until);
        if let (Some(f), Some(u)) = (Date::parse(&self.from), Date::parse(&self.until))
            && u.days_since_epoch() - f.days_since_epoch() >= MAX_CLOSURE_DAYS
        {
            e.add("until", ErrorCode::TooLong);
        }
        if let Some(room) = &self.room_id {
            validation::required_text(&mut e, "room_id", room, 64);
        }
        validation::required_text(&mut e, "reason", &self.reason, 200);
        e.finish()
    }
}

/// What a closure did: slots newly blocked, and the bookings on closed slots still to cancel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureResult {
    pub blocked_slots: u32,
    /// Ids of the `booked` bookings on the closed slots.
    pub affected_bookings: Vec<String>,
}

#[cfg(test)]
mod setup_tests {
    use super::*;

    fn template() -> NewSlotTemplate {
        NewSlotTemplate {
            room_id: "r".into(),
            weekday: 3,
            start: "14:00".into(),
            duration_minutes: 60,
            valid_from: "2026-01-01".into(),
            valid_until: Some("2026-12-31".into()),
        }
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn times_are_hh_mm_within_the_day() {
        assert_eq!(parse_hh_mm("00:00"), Some(0));
        assert_eq!(parse_hh_mm("14:30"), Some(870));
        assert_eq!(parse_hh_mm("23:59"), Some(1439));
        for bad in [
            "25:00", "24:00", "12:60", "9:00", "12h00", "", "-1:00", "+1:00",
        ] {
            assert_eq!(parse_hh_mm(bad), None, "{bad}");
        }
        assert_eq!(format_hh_mm(870), "14:30");
    }

    #[test]
    fn a_template_is_checked_field_by_field() {
        assert!(template().validate().is_ok());
        let bad = NewSlotTemplate {
            weekday: 8,
            start: "25:00".into(),
            duration_minutes: 5,
            valid_until: Some("2025-12-31".into()),
            ..template()
        };
        assert_eq!(
            fields(bad.validate()),
            ["weekday", "start", "duration_minutes", "valid_until"]
        );
        let late = NewSlotTemplate {
            start: "23:00".into(),
            duration_minutes: 90,
            ..template()
        };
        assert_eq!(fields(late.validate()), ["duration_minutes"]);
    }

    #[test]
    fn ranges_and_closures() {
        let r = DayRange {
            from: "2026-03-01".into(),
            days: 91,
        };
        assert_eq!(fields(r.validate()), ["days"]);
        let c = NewClosure {
            from: "2026-05-02".into(),
            until: "2026-05-01".into(),
            room_id: None,
            reason: " ".into(),
        };
        assert_eq!(fields(c.validate()), ["until", "reason"]);
    }
}
