//! Server-side sessions in the database: one cookie per portal, idle and absolute expiry.

mod store;

pub use store::DbSessionStore;

use time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;

/// The session cookie of one portal.
pub fn layer(
    store: DbSessionStore,
    config: &Config,
    name: &'static str,
    path: &'static str,
    idle_minutes: i64,
) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(store)
        .with_name(name)
        .with_path(path)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(config.secure_cookies)
        // Saving on every request slides the idle expiry forward while the user is active.
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(idle_minutes)))
}
