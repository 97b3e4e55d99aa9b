//! NED family portal (served at `/`): visitors sign up, sign in and, later, book visits.

mod app;
mod home;
mod sign_in;
mod sign_up;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
