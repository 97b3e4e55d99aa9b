//! Races on accounts, sign-in and keys.

/// The routes this file races.
pub const COVERED: &[&str] = &[];
