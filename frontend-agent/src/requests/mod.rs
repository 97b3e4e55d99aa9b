//! Requests written by detainees, as the services handle them: the inbox per service, a
//! request's thread and actions, the answer templates and the establishment's dashboard.

mod answer_form;
mod assign_form;
mod close_action;
pub mod dashboard;
mod deadline_form;
mod desks;
pub mod detail;
pub mod inbox;
mod inbox_filters;
mod inbox_table;
mod labels;
mod request_header;
mod status_chart;
mod template_form;
pub mod templates;
mod thread;

use shared_types::roles::Permission;

/// Who opens the inbox and the templates: handlers of a service, health staff, supervisors.
pub const HANDLERS: &[Permission] = &[
    Permission::HandleRequests,
    Permission::HandleHealthRequests,
    Permission::SuperviseRequests,
];

/// Who reads the dashboard (counts only): the handlers and the establishment's management.
pub const DASHBOARD_READERS: &[Permission] = &[
    Permission::HandleRequests,
    Permission::HandleHealthRequests,
    Permission::SuperviseRequests,
    Permission::ManageEstablishment,
];

/// `/api/agent/requests/{id}{rest}`: one request, wherever it was written.
pub fn request_path(id: &str, rest: &str) -> String {
    format!("/api/agent/requests/{id}{rest}")
}
