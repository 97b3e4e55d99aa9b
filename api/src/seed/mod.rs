//! Seed data: the demo world for `cargo xtask run` and the browser tests.

mod canteen;
pub mod demo;
mod names;
mod visits;
