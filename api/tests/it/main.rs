//! Integration tests: the real router against a real, fresh database per test. Run on SQLite by
//! default and on PostgreSQL with `NED_TEST_BACKEND=postgres NED_TEST_POSTGRES_URL=…`.

mod audit;
mod authorization;
mod bad_input;
mod detainees;
mod harness;
mod openapi;
mod outbox;
mod security;
mod sign_in;
mod surfaces;
mod visitor_profile;
mod visits_booking;
mod visits_change;
mod visits_concurrency;
mod visits_desk;
mod visits_fixture;
mod visits_info;
mod visits_links;
mod visits_setup;
mod visits_waitlist;
