//! The terminal fleet: enrolment codes issued in the console, redeemed on the device for a
//! long-lived credential bound to one establishment and location.

pub mod device;
mod routes;

pub use routes::router;

/// Seconds an enrolment code stays valid.
pub const CODE_LIFETIME_SECONDS: i64 = 24 * 3600;
/// The device credential cookie.
pub const DEVICE_COOKIE: &str = "ned_terminal";
