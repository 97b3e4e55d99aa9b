//! Booking rules: when booking opens and closes (the pure rule lives in
//! `shared_types::visits::rules`), and how to say it in French.

use shared_types::visits::VisitRules;
pub use shared_types::visits::rules::{Window, window};

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
