//! NED detainee portal (served at `/detenu/`), for in-cell tablets and shared terminals.

mod app;
mod enrol;
mod home;
mod sign_in;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
