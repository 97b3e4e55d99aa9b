//! Idempotency keys for client-generated POSTs: a repeated submission must not act twice.

/// A fresh random key (UUID v4 from the browser's crypto), to keep for one submission and
/// send again unchanged when that submission is retried.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}
