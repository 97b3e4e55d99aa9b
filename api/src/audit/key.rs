//! The secret that keys the audit hashes (HMAC-SHA256), so that someone who can write to the
//! database but does not hold the key cannot rehash a chain they changed.
//!
//! It comes from `NED_AUDIT_KEY` (hex, at least 32 bytes) or from the file `NED_AUDIT_KEY_FILE`
//! (the same hex on one line; by default next to the SQLite database, `<database>.audit-key`, or
//! `ned-audit.key` in the working directory with PostgreSQL). The server generates the file on
//! first start when it is absent (32 random bytes, mode 0600); `ned-api verify-audit` never
//! generates one. One key per process: `install` refuses a second, different key.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{ApiError, ApiResult};

/// Bytes of a generated key, and the fewest accepted.
pub const KEY_BYTES: usize = 32;

/// The audit key. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey(Vec<u8>);

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

/// Where the key comes from, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `NED_AUDIT_KEY`.
    Value(AuditKey),
    /// `NED_AUDIT_KEY_FILE`, or the default file.
    File(PathBuf),
}

/// A key that could not be read, written or installed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("audit key file {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("audit key file {0} is missing (the server creates it on first start)")]
    Missing(PathBuf),
    #[error("{0}")]
    Invalid(String),
    #[error("another audit key is already in use in this process")]
    AlreadyInstalled,
}

impl AuditKey {
    /// A key from its bytes (at least [`KEY_BYTES`]).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, KeyError> {
        if bytes.len() < KEY_BYTES {
            return Err(KeyError::Invalid(format!(
                "the audit key must hold at least {KEY_BYTES} bytes ({} hex digits), it holds {}",
                KEY_BYTES * 2,
                bytes.len()
            )));
        }
        Ok(Self(bytes))
    }

    /// A key written in hexadecimal (surrounding white space ignored). The message never
    /// quotes the value.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| {
            KeyError::Invalid("the audit key must be written in hexadecimal".into())
        })?;
        Self::from_bytes(bytes)
    }

    /// A new random key.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = vec![0u8; KEY_BYTES];
        getrandom::fill(&mut bytes)
            .map_err(|e| KeyError::Invalid(format!("no randomness for the audit key: {e}")))?;
        Ok(Self(bytes))
    }

    /// The key's bytes, for the HMAC.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Reads the key file at `path`.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_hex(&text).map_err(|e| KeyError::File {
                path: path.into(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(KeyError::Missing(path.into()))
            }
            Err(e) => Err(KeyError::File {
                path: path.into(),
                message: e.to_string(),
            }),
        }
    }

    /// Reads the key file at `path`, or creates it with a new key (mode 0600) when absent.
    /// Several processes starting at once end up with the same key: the file appears whole or
    /// not at all (written aside, then linked into place without replacing).
    pub fn read_or_create(path: &Path) -> Result<Self, KeyError> {
        match Self::read(path) {
            Err(KeyError::Missing(_)) => {}
            other => return other,
        }
        let file_error = |e: std::io::Error| KeyError::File {
            path: path.into(),
            message: e.to_string(),
        };
        let key = Self::generate()?;
        let aside = path.with_file_name(format!(
            ".{}.{}.tmp",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            uuid::Uuid::new_v4().simple()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&aside).map_err(file_error)?;
        let written = writeln!(file, "{}", hex::encode(key.bytes())).and_then(|()| file.sync_all());
        drop(file);
        let linked = written.and_then(|()| std::fs::hard_link(&aside, path));
        let _ = std::fs::remove_file(&aside);
        match linked {
            Ok(()) => {
                tracing::info!(path = %path.display(), "audit key generated");
                Ok(key)
            }
            // Another process created it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Self::read(path),
            Err(e) => Err(file_error(e)),
        }
    }
}

impl KeySource {
    /// The configured key: the value, or the file's (created when `create` and absent).
    pub fn resolve(&self, create: bool) -> Result<AuditKey, KeyError> {
        match self {
            Self::Value(key) => Ok(key.clone()),
            Self::File(path) if create => AuditKey::read_or_create(path),
            Self::File(path) => AuditKey::read(path),
        }
    }
}

/// The default key file for a database URL: next to a SQLite file, otherwise `ned-audit.key`
/// in the working directory.
pub fn default_file(database_url: &str) -> PathBuf {
    let sqlite_path = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or(""))
        .filter(|p| !p.is_empty() && !p.contains(":memory:"));
    match sqlite_path {
        Some(path) => PathBuf::from(format!("{path}.audit-key")),
        None => PathBuf::from("ned-audit.key"),
    }
}

static INSTALLED: OnceLock<AuditKey> = OnceLock::new();

/// Makes `key` the one audit events are hashed with in this process. Installing the same key
/// again is fine; a different one is refused (the chains would stop verifying).
pub fn install(key: AuditKey) -> Result<(), KeyError> {
    let installed = INSTALLED.get_or_init(|| key.clone());
    if *installed == key {
        Ok(())
    } else {
        Err(KeyError::AlreadyInstalled)
    }
}

/// The installed key.
pub fn installed() -> ApiResult<&'static AuditKey> {
    INSTALLED
        .get()
        .ok_or_else(|| ApiError::Internal("no audit key installed".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ned-key-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn a_missing_file_is_created_once_private_and_read_back() {
        let path = scratch("ned.db.audit-key");
        let created = AuditKey::read_or_create(&path).unwrap();
        assert_eq!(created.bytes().len(), KEY_BYTES);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        assert_eq!(AuditKey::read_or_create(&path).unwrap(), created);
        assert_eq!(AuditKey::read(&path).unwrap(), created);
        let dir = path.parent().unwrap();
        assert_eq!(
            std::fs::read_dir(dir).unwrap().count(),
            1,
            "no file left aside"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn verification_never_creates_a_key() {
        let path = scratch("absent.key");
        assert!(matches!(
            KeySource::File(path.clone()).resolve(false),
            Err(KeyError::Missing(_))
        ));
        assert!(!path.exists());
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn keys_are_hex_of_at_least_32_bytes_and_never_shown() {
        let hex64 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let key = AuditKey::from_hex(&format!(" {hex64}\n")).unwrap();
        assert_eq!(key.bytes().len(), 32);
        assert_eq!(format!("{key:?}"), "AuditKey(…)");
        let short = AuditKey::from_hex("0011").unwrap_err().to_string();
        assert!(short.contains("at least 32 bytes"), "{short}");
        let not_hex = AuditKey::from_hex(&"z".repeat(64)).unwrap_err().to_string();
        assert!(!not_hex.contains("zzzz"), "{not_hex}");
    }

    #[test]
    fn the_default_file_sits_next_to_the_sqlite_database() {
        assert_eq!(
            default_file("sqlite://data/ned.db?mode=rwc"),
            PathBuf::from("data/ned.db.audit-key")
        );
        assert_eq!(
            default_file("sqlite:///var/lib/ned/ned.db"),
            PathBuf::from("/var/lib/ned/ned.db.audit-key")
        );
        assert_eq!(
            default_file("sqlite::memory:"),
            PathBuf::from("ned-audit.key")
        );
        assert_eq!(
            default_file("postgres://ned@db/ned"),
            PathBuf::from("ned-audit.key")
        );
    }
}
