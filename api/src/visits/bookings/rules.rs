//! Booking rules as pure functions: when booking opens and closes.

use shared_types::visits::VisitRules;

/// Why a slot cannot be booked or changed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Open,
    /// Booking has not opened yet.
    TooEarly,
    /// The deadline before the visit has passed.
    TooLate,
}

/// Where `now` stands in the booking window of a visit starting at `starts_at`.
pub fn window(rules: &VisitRules, now: i64, starts_at: i64) -> Window {
    let until_visit = starts_at - now;
    if until_visit < i64::from(rules.closes_hours_before) * 3_600 {
        Window::TooLate
    } else if until_visit > i64::from(rules.opens_days_before) * 86_400 {
        Window::TooEarly
    } else {
        Window::Open
    }
}

/// The French explanation of a closed window.
pub fn window_message(rules: &VisitRules, w: Window) -> String {
    match w {
        Window::Open => String::new(),
        Window::TooEarly => format!(
            "Les réservations ouvrent {} jours avant la visite.",
            rules.opens_days_before
        ),
        Window::TooLate => format!(
            "Les réservations, modifications et annulations ferment {} heures avant la visite.",
            rules.closes_hours_before
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_opens_and_closes() {
        let rules = VisitRules {
            opens_days_before: 14,
            closes_hours_before: 24,
            ..VisitRules::default()
        };
        let visit = 1_000_000_000;
        assert_eq!(window(&rules, visit - 15 * 86_400, visit), Window::TooEarly);
        assert_eq!(window(&rules, visit - 14 * 86_400, visit), Window::Open);
        assert_eq!(window(&rules, visit - 24 * 3_600, visit), Window::Open);
        assert_eq!(
            window(&rules, visit - 24 * 3_600 + 1, visit),
            Window::TooLate
        );
        assert_eq!(window(&rules, visit + 10, visit), Window::TooLate);
    }
}
