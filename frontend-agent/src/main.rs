//! NED agents' console (served at `/agent/`), for prison staff on desktop browsers.

mod app;
mod closures;
mod companions;
mod confirm;
mod confirmed_action;
mod day_list;
mod day_room;
mod desk_row;
mod detainee_picker;
mod establishment_page;
mod form_input;
mod home;
mod issuer_choice;
mod labels;
mod link_decision;
mod link_requests;
mod loaded;
mod money_labels;
mod outbox;
mod parloirs;
mod permit_form;
mod permits;
mod reason_form;
mod restriction_form;
mod restrictions;
mod rooms;
mod sign_in;
mod slot_generation;
mod slot_template_table;
mod slot_templates;
mod slots_week;
mod staff_booking;
mod terminal_list;
mod terminals;
mod visit_info;
mod visit_labels;
mod visit_rules;
mod visits_page;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
