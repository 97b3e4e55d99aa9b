//! Which visiting week a visit belongs to (the Monday, Paris time, of its day), and dates as
//! French visitors read them.

use shared_types::date::Date;

pub use crate::paris_time::{date_of as paris_date, offset_at as paris_offset};

/// The Monday of the Paris week holding instant `unix`, as `YYYY-MM-DD`.
pub fn week_start(unix: i64) -> String {
    paris_date(unix).week_start().to_string()
}

/// "mardi 1 décembre 2026 à 14 h 00", Paris time, for messages to visitors.
pub fn french_date_time(unix: i64) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let local = unix + paris_offset(unix);
    let date = Date::from_days(local.div_euclid(86_400));
    let minutes = local.rem_euclid(86_400) / 60;
    format!(
        "{} {} {} {} à {} h {:02}",
        DAYS[(date.weekday() - 1) as usize],
        date.day,
        MONTHS[(date.month - 1) as usize],
        date.year,
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, seconds: i64) -> i64 {
        Date::parse(date).unwrap().days_since_epoch() * 86_400 + seconds
    }

    #[test]
    fn dates_read_as_french_people_say_them() {
        // 1 December 2026, 13:00 UTC is 14:00 in Paris (winter time).
        assert_eq!(
            french_date_time(at("2026-12-01", 13 * 3600)),
            "mardi 1 décembre 2026 à 14 h 00"
        );
        assert_eq!(
            french_date_time(at("2026-07-14", 7 * 3600 + 1800)),
            "mardi 14 juillet 2026 à 9 h 30"
        );
    }

    #[test]
    fn a_late_sunday_visit_belongs_to_its_paris_week() {
        // Sunday 22 November 2026, 23:30 in Paris is 22:30 UTC: still the week of 16 November.
        assert_eq!(week_start(at("2026-11-22", 22 * 3600 + 1800)), "2026-11-16");
        // Monday 00:30 in Paris is Sunday 23:30 UTC: already the next week.
        assert_eq!(week_start(at("2026-11-22", 23 * 3600 + 1800)), "2026-11-23");
    }
}
