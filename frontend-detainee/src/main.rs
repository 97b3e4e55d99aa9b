//! NED detainee portal (served at `/detenu/`), for in-cell tablets and shared terminals.

mod account;
mod account_history;
mod account_parts;
mod app;
mod canteen;
mod endpoints;
mod enrol;
mod home;
mod labels;
mod orders;
mod requests;
mod sign_in;
mod signed_in;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
