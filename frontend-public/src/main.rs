//! NED family portal (served at `/`): visitors sign up, sign in and, book visits.

mod app;
mod booking;
mod booking_card;
mod booking_done;
mod companions;
mod endpoints;
mod flash;
mod home;
mod labels;
mod link_request;
mod links;
mod offers;
mod page_title;
mod person_field;
mod sign_in;
mod sign_up;
mod signed_in;
mod slot_calendar;
mod upcoming;
mod visit_info;
mod visits;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
