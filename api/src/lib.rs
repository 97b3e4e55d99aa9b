//! NED's API server: one axum binary serving the family portal, the detainee portal, the
//! agents' console and their JSON API, on SQLite or PostgreSQL.

pub mod accounts;
pub mod app;
pub mod audit;
pub mod auth;
pub mod canteen;
pub mod config;
pub mod db;
pub mod error;
pub mod establishments;
pub mod fleet;
pub mod health;
pub mod http;
pub mod outbox;
pub mod paris_time;
pub mod partner;
pub mod people;
pub mod requests;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod visitor_account;
pub mod visits;

use std::sync::Arc;

pub use app::router;
pub use config::Config;
pub use state::AppState;

/// Loads the audit key (creating its file on first start), connects to the database (migrating
/// it) and seeds demo data when asked and empty.
pub async fn init(config: Config) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
    audit::key::install(config.audit_key.resolve(true)?)?;
    let db = db::Db::connect(&config.database_url).await?;
    if config.demo_data {
        seed::demo::seed_if_empty(&db).await?;
    }
    Ok(AppState {
        db,
        config: Arc::new(config),
    })
}
