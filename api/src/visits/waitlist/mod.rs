//! The waiting list of full slots: join, be offered a freed place for a limited time, accept.

mod offers;
mod routes;

pub use offers::{expire_offers, place_freed};
pub use routes::router;
