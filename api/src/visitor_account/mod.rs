//! The family-portal account beyond signing in: the profile (the identity a prison needs) and
//! the confirmation of the e-mail address, which a link request requires.

pub mod confirmation;
pub mod email_token;
pub mod profile;
pub mod readiness;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use readiness::require_ready_for_links;

/// Family-portal routes: e-mail confirmation and profile.
pub fn router() -> OpenApiRouter<AppState> {
    confirmation::router().merge(profile::router())
}
