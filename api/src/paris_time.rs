//! Europe/Paris wall-clock time ↔ UTC without a time-zone database. Slot templates and canteen
//! closing times are written in Paris time; instants are stored in UTC. The EU rule (since
//! 1996): summer time (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of
//! October 01:00 UTC, else UTC+1.

use shared_types::date::Date;

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// The UTC instant summer time starts (`month` 3) or ends (`month` 10) in `year`.
fn switch_at(year: i32, month: u32) -> i64 {
    let last = Date {
        year,
        month,
        day: 31,
    };
    // weekday 7 is Sunday: step back to it.
    let sunday = last.add_days(-i64::from(last.weekday() % 7));
    sunday.days_since_epoch() * DAY + HOUR
}

/// Paris's offset from UTC, in seconds, at the UTC instant `utc` (Unix seconds).
pub fn offset_at(utc: i64) -> i64 {
    let year = Date::from_days(utc.div_euclid(DAY)).year;
    if (switch_at(year, 3)..switch_at(year, 10)).contains(&utc) {
        2 * HOUR
    } else {
        HOUR
    }
}

/// The UTC instant of Paris wall-clock `minute` (after midnight) on `date`. In the autumn
/// hour that happens twice, the first (summer-time) one; in the spring hour that never happens,
/// the instant an hour later on the clock (02:30 → 03:30), as clocks do.
pub fn to_utc(date: Date, minute: u32) -> i64 {
    let wall = date.days_since_epoch() * DAY + i64::from(minute) * 60;
    for offset in [2 * HOUR, HOUR] {
        if offset_at(wall - offset) == offset {
            return wall - offset;
        }
    }
    wall - HOUR
}

/// The Paris calendar date at the UTC instant `utc`.
pub fn date_of(utc: i64) -> Date {
    Date::from_days((utc + offset_at(utc)).div_euclid(DAY))
}

/// The UTC instants `[start, end)` covering `days` whole Paris days from `from`. A day on a
/// switch weekend lasts 23 or 25 hours, so the range is not `days × 24 h`.
pub fn day_range(from: Date, days: i64) -> (i64, i64) {
    (to_utc(from, 0), to_utc(from.add_days(days), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    /// Unix seconds of a UTC date and time, computed independently of the code under test.
    fn utc(date: &str, h: i64, m: i64) -> i64 {
        d(date).days_since_epoch() * DAY + h * HOUR + m * 60
    }

    #[test]
    fn winter_is_utc_plus_one_and_summer_utc_plus_two() {
        assert_eq!(to_utc(d("2026-01-15"), 14 * 60), utc("2026-01-15", 13, 0));
        assert_eq!(to_utc(d("2026-07-14"), 14 * 60), utc("2026-07-14", 12, 0));
        assert_eq!(
            to_utc(d("2026-12-31"), 23 * 60 + 30),
            utc("2026-12-31", 22, 30)
        );
        // New Year's midnight in Paris is still the old year in UTC.
        assert_eq!(to_utc(d("2027-01-01"), 0), utc("2026-12-31", 23, 0));
    }

    #[test]
    fn spring_switch_weekend_2026() {
        // Sunday 29 March 2026: 02:00 winter becomes 03:00 summer, at 01:00 UTC.
        assert_eq!(switch_at(2026, 3), utc("2026-03-29", 1, 0));
        assert_eq!(offset_at(utc("2026-03-29", 0, 59)), HOUR);
        assert_eq!(offset_at(utc("2026-03-29", 1, 0)), 2 * HOUR);
        assert_eq!(to_utc(d("2026-03-28"), 14 * 60), utc("2026-03-28", 13, 0));
        assert_eq!(to_utc(d("2026-03-29"), 60 + 30), utc("2026-03-29", 0, 30));
        assert_eq!(to_utc(d("2026-03-29"), 14 * 60), utc("2026-03-29", 12, 0));
        // 02:30 does not exist that night: it is read as 03:30 summer time.
        assert_eq!(
            to_utc(d("2026-03-29"), 2 * 60 + 30),
            utc("2026-03-29", 1, 30)
        );
        // That Sunday lasts 23 hours.
        let (start, end) = day_range(d("2026-03-29"), 1);
        assert_eq!(end - start, 23 * HOUR);
    }

    #[test]
    fn autumn_switch_weekend_2026() {
        // Sunday 25 October 2026: 03:00 summer becomes 02:00 winter, at 01:00 UTC.
        assert_eq!(switch_at(2026, 10), utc("2026-10-25", 1, 0));
        assert_eq!(offset_at(utc("2026-10-25", 0, 59)), 2 * HOUR);
        assert_eq!(offset_at(utc("2026-10-25", 1, 0)), HOUR);
        assert_eq!(to_utc(d("2026-10-24"), 14 * 60), utc("2026-10-24", 12, 0));
        assert_eq!(to_utc(d("2026-10-25"), 14 * 60), utc("2026-10-25", 13, 0));
        // 02:30 happens twice: the first one, still summer time.
        assert_eq!(
            to_utc(d("2026-10-25"), 2 * 60 + 30),
            utc("2026-10-25", 0, 30)
        );
        let (start, end) = day_range(d("2026-10-25"), 1);
        assert_eq!(end - start, 25 * HOUR);
    }

    #[test]
    fn other_years_switch_on_their_last_sundays() {
        assert_eq!(switch_at(2030, 3), utc("2030-03-31", 1, 0));
        assert_eq!(switch_at(2030, 10), utc("2030-10-27", 1, 0));
        assert_eq!(switch_at(2024, 3), utc("2024-03-31", 1, 0));
        assert_eq!(switch_at(2024, 10), utc("2024-10-27", 1, 0));
    }

    #[test]
    fn paris_dates_of_instants() {
        assert_eq!(date_of(utc("2026-07-14", 22, 30)), d("2026-07-15"));
        assert_eq!(date_of(utc("2026-01-14", 22, 30)), d("2026-01-14"));
        assert_eq!(date_of(utc("2026-12-31", 23, 0)), d("2027-01-01"));
    }
}
