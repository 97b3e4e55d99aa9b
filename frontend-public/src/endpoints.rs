//! Addresses of the family portal's API endpoints (visits, profile, e-mail confirmation).

/// Establishments a visitor can ask a link for.
pub const ESTABLISHMENTS: &str = "/api/public/establishments";
/// The visitor's links (GET) and new link requests (POST).
pub const LINKS: &str = "/api/public/links";
/// The visitor's bookings (GET) and new bookings (POST).
pub const BOOKINGS: &str = "/api/public/bookings";
/// The visitor's waiting-list entries (GET) and new entries (POST).
pub const WAITLIST: &str = "/api/public/waitlist";

/// Bookable slots of a link, `days` days from `from` (`YYYY-MM-DD`).
pub fn slots(link_id: &str, from: &str, days: u32) -> String {
    format!("{LINKS}/{link_id}/slots?from={from}&days={days}")
}

/// One booking (DELETE cancels it).
pub fn booking(id: &str) -> String {
    format!("{BOOKINGS}/{id}")
}

/// Takes the place a waiting list offers.
pub fn accept_offer(entry_id: &str) -> String {
    format!("{WAITLIST}/{entry_id}/accept")
}

/// Practical information of an establishment.
pub fn visit_info(establishment_id: &str) -> String {
    format!("{ESTABLISHMENTS}/{establishment_id}/visit-info")
}

/// The visitor's profile (GET, PUT).
pub const PROFILE: &str = "/api/public/profile";
/// Confirms an e-mail address with a link's token.
pub const CONFIRM_EMAIL: &str = "/api/public/account/email-confirmation";
/// Sends the confirmation link again.
pub const RESEND_CONFIRMATION: &str = "/api/public/account/email-confirmation/resend";
