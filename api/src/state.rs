//! What every handler can reach.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// Shared application state: the database and the configuration.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}
