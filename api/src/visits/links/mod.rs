//! Link requests and visit permits: which visitor may visit which detainee.

mod detainee_links;
mod permits;
mod review;
mod visitor;

pub use permits::{PermitRow, find_valid_permit};

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Family-portal routes: ask for a link, follow it.
pub fn public_router() -> OpenApiRouter<AppState> {
    visitor::router()
}

/// Console routes: review link requests, record and suspend permits, list a detainee's links.
pub fn agent_router() -> OpenApiRouter<AppState> {
    review::router()
        .merge(permits::router())
        .merge(detainee_links::router())
}
