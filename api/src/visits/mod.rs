//! Visits: relatives book slots for the detainees they are linked to; staff run the rooms.

pub mod bookings;
pub mod desk;
pub mod info;
pub mod links;
mod messages;
pub mod reminders;
pub mod restrictions;
pub mod setup;
pub mod waitlist;
pub mod week;
