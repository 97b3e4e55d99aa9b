//! Races on the accounts routes.

/// The routes this file races.
pub const COVERED: &[&str] = &[];
