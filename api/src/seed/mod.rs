//! Seed data: the demo world for `cargo xtask run` and the browser tests.

mod bulk;
mod canteen;
mod catalogue;
pub mod demo;
mod names;
mod requests;
mod visits;
