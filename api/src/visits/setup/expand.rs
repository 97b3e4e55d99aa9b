//! Slot expansion: which slots a set of weekly templates gives over a range of Paris days.

use shared_types::date::Date;

use crate::paris_time;

/// A template as expansion needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: String,
    pub room_id: String,
    /// The room's capacity, copied onto each slot.
    pub capacity: u32,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Minutes after midnight, Paris time.
    pub start_minute: u32,
    pub duration_minutes: u32,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
}

/// A slot to create, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub template_id: String,
    pub room_id: String,
    pub capacity: u32,
    pub starts_at: i64,
    pub ends_at: i64,
}

impl Template {
    fn applies_on(&self, day: Date) -> bool {
        day.weekday() == self.weekday
            && day >= self.valid_from
            && self.valid_until.is_none_or(|until| day <= until)
    }
}

/// The slots `templates` give on the `days` Paris days from `from`, keeping only those starting
/// after `after` (Unix seconds): a slot in the past is of no use to anyone. Times are Paris wall
/// clock, so a 14:00 slot stays at 14:00 across the switch to summer or winter time.
pub fn expand(templates: &[Template], from: Date, days: u32, after: i64) -> Vec<Planned> {
    let mut planned = Vec::new();
    for offset in 0..i64::from(days) {
        let day = from.add_days(offset);
        for t in templates.iter().filter(|t| t.applies_on(day)) {
            let starts_at = paris_time::to_utc(day, t.start_minute);
            if starts_at <= after {
                continue;
            }
            planned.push(Planned {
                template_id: t.id.clone(),
                room_id: t.room_id.clone(),
                capacity: t.capacity,
                starts_at,
                ends_at: paris_time::to_utc(day, t.start_minute + t.duration_minutes),
            });
        }
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn utc(date: &str, h: i64, m: i64) -> i64 {
        d(date).days_since_epoch() * 86_400 + h * 3600 + m * 60
    }

    fn monday_2pm() -> Template {
        Template {
            id: "t".into(),
            room_id: "r".into(),
            capacity: 6,
            weekday: 1,
            start_minute: 14 * 60,
            duration_minutes: 45,
            valid_from: d("2026-01-01"),
            valid_until: None,
        }
    }

    #[test]
    fn one_slot_per_matching_weekday_across_the_spring_switch() {
        // Mondays 23 and 30 March 2026; summer time starts on Sunday 29.
        let slots = expand(&[monday_2pm()], d("2026-03-23"), 14, 0);
        let starts: Vec<_> = slots.iter().map(|s| s.starts_at).collect();
        assert_eq!(starts, [utc("2026-03-23", 13, 0), utc("2026-03-30", 12, 0)]);
        assert_eq!(slots[0].ends_at - slots[0].starts_at, 45 * 60);
        assert_eq!(slots[0].capacity, 6);
    }

    #[test]
    fn validity_dates_are_inclusive() {
        let t = Template {
            valid_from: d("2026-03-30"),
            valid_until: Some(d("2026-04-06")),
            ..monday_2pm()
        };
        let slots = expand(&[t], d("2026-03-23"), 28, 0);
        let days: Vec<_> = slots
            .iter()
            .map(|s| paris_time::date_of(s.starts_at).to_string())
            .collect();
        assert_eq!(days, ["2026-03-30", "2026-04-06"]);
    }

    #[test]
    fn past_slots_are_skipped_and_the_range_is_whole_days() {
        let now = utc("2026-03-23", 13, 0);
        assert!(expand(&[monday_2pm()], d("2026-03-23"), 7, now).is_empty());
        assert_eq!(expand(&[monday_2pm()], d("2026-03-24"), 6, 0).len(), 0);
        assert_eq!(expand(&[monday_2pm()], d("2026-03-23"), 1, 0).len(), 1);
    }

    #[test]
    fn autumn_switch_keeps_the_wall_clock() {
        let sunday = Template {
            weekday: 7,
            start_minute: 9 * 60 + 30,
            ..monday_2pm()
        };
        let slots = expand(&[sunday], d("2026-10-18"), 8, 0);
        let starts: Vec<_> = slots.iter().map(|s| s.starts_at).collect();
        assert_eq!(starts, [utc("2026-10-18", 7, 30), utc("2026-10-25", 8, 30)]);
    }
}
