//! Random secrets (device credentials, enrolment codes) and how they are stored: only hashes.

use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// `bytes` random bytes, hex-encoded.
pub fn random_hex(bytes: usize) -> ApiResult<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(hex::encode(buf))
}

/// Unambiguous letters and digits, easy to type on a tablet (no 0/O, 1/I).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A one-time enrolment code like `K7QH2-MZP4X` (50 random bits).
pub fn enrolment_code() -> ApiResult<String> {
    let mut buf = [0u8; 10];
    getrandom::fill(&mut buf).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    let chars: String = buf
        .iter()
        .map(|b| CODE_ALPHABET[(*b as usize) % CODE_ALPHABET.len()] as char)
        .collect();
    Ok(format!("{}-{}", &chars[..5], &chars[5..]))
}

/// SHA-256 hex of a high-entropy secret (tokens and codes, not passwords).
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The value of cookie `name` in the request, if any.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typable() {
        let code = enrolment_code().unwrap();
        assert_eq!(code.len(), 11);
        assert!(
            code.chars()
                .all(|c| c == '-' || CODE_ALPHABET.contains(&(c as u8)))
        );
        assert_ne!(code, enrolment_code().unwrap());
    }

    #[test]
    fn finds_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; ned_terminal=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, "ned_terminal"), Some("abc"));
        assert_eq!(cookie(&h, "ned"), None);
    }
}
