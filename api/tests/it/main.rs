//! Integration tests: the real router against a real, fresh database per test. Run on SQLite by
//! default and on PostgreSQL with `NED_TEST_BACKEND=postgres NED_TEST_POSTGRES_URL=…`.

mod accounts;
mod audit;
mod authorization;
mod bad_input;
mod canteen;
mod canteen_concurrency;
mod canteen_fixture;
mod detainees;
mod harness;
mod openapi;
mod outbox;
mod partner;
mod races;
mod requests_console;
mod requests_fixture;
mod requests_inbox;
mod requests_sealed;
mod requests_settings;
mod requests_tablet;
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
mod visits_permits;
mod visits_rules;
mod visits_setup;
mod visits_waitlist;
