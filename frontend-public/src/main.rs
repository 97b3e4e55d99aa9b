//! NED family portal (served at `/`): visitors sign up, confirm their e-mail address, keep their
//! profile and book visits.

mod account_notices;
mod app;
mod booking;
mod booking_card;
mod booking_done;
mod companions;
mod confirm_email;
mod endpoints;
mod field_messages;
mod flash;
mod home;
mod labels;
mod link_request;
mod links;
mod offers;
mod page_title;
mod person_field;
mod profile;
mod profile_form;
mod resend_link;
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
