//! Types shared by the NED API and its three browser apps: requests, responses, enums and the
//! validation rules, written once and run on both sides. No I/O, no framework.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod canteen;
mod codes;
pub mod date;
pub mod establishment;
pub mod fleet;
pub mod health;
pub mod outbox;
pub mod people;
pub mod problem;
pub mod profile;
pub mod refusals;
pub mod requests;
pub mod roles;
pub mod search;
pub mod transitions;
pub mod validation;
pub mod visit_desk;
pub mod visit_links;
pub mod visits;

pub use problem::{ErrorCode, FieldError, Problem};
