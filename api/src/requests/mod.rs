//! Requests (requêtes) from detainees to prison services: written on the tablet, handled in the
//! console per service, health-unit requests sealed to health staff.

mod dashboard;
mod desk;
mod handling;
mod rows;
mod tablet;
mod templates;
mod thread;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Detainee-portal routes.
pub fn detainee_router() -> OpenApiRouter<AppState> {
    tablet::router()
}

/// Console routes.
pub fn agent_router() -> OpenApiRouter<AppState> {
    desk::router()
        .merge(handling::router())
        .merge(templates::router())
        .merge(dashboard::router())
}
