//! Visits: relatives book slots for the detainees they are linked to; staff run the rooms.

pub mod bookings;
pub mod info;
pub mod links;
mod messages;
pub mod setup;
pub mod waitlist;
pub mod week;
