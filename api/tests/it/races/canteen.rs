//! Races on the canteen routes.

/// The routes this file races.
pub const COVERED: &[&str] = &[];
