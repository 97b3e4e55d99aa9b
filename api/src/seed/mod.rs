//! Seed data: the demo world for `cargo xtask run` and the browser tests.

pub mod demo;
mod names;
mod visits;
