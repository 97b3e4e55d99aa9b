//! NED agents' console (served at `/agent/`), for prison staff on desktop browsers.

mod app;
mod home;
mod labels;
mod sign_in;
mod terminal_list;
mod terminals;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
