//! Bookings: book, list and cancel visits, never overbooking a slot, a detainee's weekly quota
//! or their timetable — each enforced by conditional updates in SQL.

pub mod book;
mod cancel;
mod change;
mod read;
mod routes;
pub mod rules;

pub use book::{Booker, book};
pub use cancel::{Canceller, cancel_in_tx, lock_week};
pub use read::one as read_one;
pub use routes::{agent_router, public_router};
