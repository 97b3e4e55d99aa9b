//! Calendar dates as `YYYY-MM-DD` text, without a date library (the browser apps share this).

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible days (30 February).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1
            && date.month <= 12
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month))
        .then_some(date)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u32
    }

    /// The Monday of this date's week.
    pub fn week_start(self) -> Self {
        Self::from_days(self.days_since_epoch() - i64::from(self.weekday() - 1))
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.days_since_epoch() + n)
    }

    /// Age in whole years on `on`.
    pub fn age_on(self, on: Date) -> i32 {
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        on.year - self.year - i32::from(!had_birthday)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2026-11-22"),
            Some(Date {
                year: 2026,
                month: 11,
                day: 22
            })
        );
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-2-3").is_none());
        assert!(Date::parse("22/11/2026").is_none());
    }

    #[test]
    fn days_round_trip_and_weekdays() {
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(Date::from_days(d.days_since_epoch()), d);
        assert_eq!(d.weekday(), 7, "22 Nov 2026 is a Sunday");
        assert_eq!(d.week_start().to_string(), "2026-11-16");
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(d.add_days(10).to_string(), "2026-12-02");
    }

    #[test]
    fn ages() {
        let birth = Date::parse("2010-06-15").unwrap();
        assert_eq!(birth.age_on(Date::parse("2026-06-14").unwrap()), 15);
        assert_eq!(birth.age_on(Date::parse("2026-06-15").unwrap()), 16);
    }
}
