//! Argon2id hashing of passwords and PINs, off the async threads.

use std::sync::OnceLock;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::error::{ApiError, ApiResult};

/// Hashes a secret with Argon2id and a random salt.
pub async fn hash(secret: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || hash_now(&secret))
        .await
        .map_err(|e| ApiError::Internal(format!("hashing task: {e}")))?
}

/// Blocking variant, for seeding and tests.
pub fn hash_now(secret: &str) -> ApiResult<String> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing: {e}")))
}

/// Checks a secret against a stored hash. With no hash (unknown account) it still does the
/// same work against a fixed hash, so the answer time does not tell whether the account exists.
pub async fn verify(secret: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let (hash, known) = match stored {
            Some(h) => (h, true),
            None => (dummy_hash().to_owned(), false),
        };
        let matches = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(secret.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        matches && known
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("ned-timing-equaliser").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn right_and_wrong_secrets() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify("wrong".into(), Some(h)).await);
        assert!(!verify("ned-timing-equaliser".into(), None).await);
    }
}
