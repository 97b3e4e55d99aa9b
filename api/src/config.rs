//! Configuration from environment variables, with defaults that run a demo on one machine.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;

/// One of the API's audiences; an instance may serve only some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Surface {
    Public,
    Detainee,
    Agent,
    /// The API of delegated-management partners (`/api/partner`), keyed, no cookies.
    Partner,
}

impl Surface {
    fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "public" => Some(Self::Public),
            "detainee" => Some(Self::Detainee),
            "agent" => Some(Self::Agent),
            "partner" => Some(Self::Partner),
            _ => None,
        }
    }
}

/// Everything the server reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    pub static_dir: PathBuf,
    pub surfaces: BTreeSet<Surface>,
    pub demo_data: bool,
    pub secure_cookies: bool,
    pub detainee_idle_minutes: i64,
    pub agent_idle_minutes: i64,
    pub visitor_idle_minutes: i64,
    /// Hours after sign-in when any session ends, active or not.
    pub absolute_session_hours: i64,
    /// Whether the first `X-Forwarded-For` address is the client's (only behind a known proxy).
    pub trust_forwarded_for: bool,
    /// SMTP server for e-mail (`smtp://host:25`, `smtps://user:pass@host:465`); None in
    /// development: messages stay in the outbox, read in the console. Holds credentials: never log.
    pub smtp_url: Option<String>,
    /// Sender address of e-mails.
    pub mail_from: lettre::message::Mailbox,
    /// Seconds between two passes of the outbox sender.
    pub outbox_interval_seconds: u64,
    /// No SMS gateway exists: when set, SMS are logged and marked sent; otherwise they stay pending.
    pub sms_log_only: bool,
    /// Address of the family portal as visitors reach it, without a trailing slash; links in
    /// e-mails (address confirmation) start with it.
    pub public_url: String,
    /// The key of the audit log's hashes: `NED_AUDIT_KEY` (hex), or the file
    /// `NED_AUDIT_KEY_FILE` (default next to the SQLite database), created on first start.
    pub audit_key: crate::audit::KeySource,
}

/// A setting that could not be understood.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ConfigError {
    name: &'static str,
    message: String,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `get`, so tests can pass their own.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let bind = parse(&get, "NED_BIND", "127.0.0.1:8080")?;
        let surfaces_raw =
            get("NED_SURFACES").unwrap_or_else(|| "public,detainee,agent,partner".into());
        let mut surfaces = BTreeSet::new();
        for s in surfaces_raw.split(',').filter(|s| !s.trim().is_empty()) {
            surfaces.insert(Surface::parse(s).ok_or_else(|| ConfigError {
                name: "NED_SURFACES",
                message: format!("unknown surface {s:?} (public, detainee, agent)"),
            })?);
        }
        let database_url = get("NED_DATABASE_URL").unwrap_or_else(|| "sqlite://ned.db".into());
        let audit_key = audit_key(&get, &database_url)?;
        Ok(Self {
            bind,
            database_url,
            static_dir: get("NED_STATIC_DIR")
                .unwrap_or_else(|| "dist".into())
                .into(),
            surfaces,
            demo_data: flag(&get, "NED_DEMO_DATA")?,
            secure_cookies: flag(&get, "NED_SECURE_COOKIES")?,
            detainee_idle_minutes: parse(&get, "NED_DETAINEE_IDLE_MINUTES", "5")?,
            agent_idle_minutes: parse(&get, "NED_AGENT_IDLE_MINUTES", "30")?,
            visitor_idle_minutes: parse(&get, "NED_VISITOR_IDLE_MINUTES", "30")?,
            absolute_session_hours: parse(&get, "NED_SESSION_MAX_HOURS", "12")?,
            trust_forwarded_for: flag(&get, "NED_TRUST_FORWARDED_FOR")?,
            smtp_url: smtp_url(&get)?,
            mail_from: parse(&get, "NED_MAIL_FROM", "NED <ne-pas-repondre@ned.invalid>")?,
            outbox_interval_seconds: parse(&get, "NED_OUTBOX_INTERVAL_SECONDS", "10")?,
            sms_log_only: flag(&get, "NED_SMS_LOG_ONLY")?,
            public_url: public_url(&get)?,
            audit_key,
        })
    }

    /// Whether this instance serves `surface`.
    pub fn serves(&self, surface: Surface) -> bool {
        self.surfaces.contains(&surface)
    }
}

fn parse<T: std::str::FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &str,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    let raw = get(name).unwrap_or_else(|| default.into());
    raw.trim().parse().map_err(|e: T::Err| ConfigError {
        name,
        message: format!("{raw:?}: {e}"),
    })
}

fn smtp_url(get: &impl Fn(&str) -> Option<String>) -> Result<Option<String>, ConfigError> {
    match get("NED_SMTP_URL").map(|u| u.trim().to_string()) {
        None => Ok(None),
        Some(u) if u.is_empty() => Ok(None),
        Some(u) if u.starts_with("smtp://") || u.starts_with("smtps://") => Ok(Some(u)),
        // The value may hold a password: name the variable, not the value.
        Some(_) => Err(ConfigError {
            name: "NED_SMTP_URL",
            message: "must start with smtp:// or smtps://".into(),
        }),
    }
}

fn public_url(get: &impl Fn(&str) -> Option<String>) -> Result<String, ConfigError> {
    let raw = get("NED_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let url = raw.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(url.into()),
        _ => Err(ConfigError {
            name: "NED_PUBLIC_URL",
            message: format!("{raw:?} is not an http:// or https:// address"),
        }),
    }
}

fn audit_key(
    get: &impl Fn(&str) -> Option<String>,
    database_url: &str,
) -> Result<crate::audit::KeySource, ConfigError> {
    use crate::audit::{AuditKey, KeySource, key};
    let set = |name| get(name).filter(|v: &String| !v.trim().is_empty());
    match (set("NED_AUDIT_KEY"), set("NED_AUDIT_KEY_FILE")) {
        (Some(_), Some(_)) => Err(ConfigError {
            name: "NED_AUDIT_KEY",
            message: "set NED_AUDIT_KEY or NED_AUDIT_KEY_FILE, not both".into(),
        }),
        // A secret: the message names the variable, never the value.
        (Some(value), None) => AuditKey::from_hex(&value)
            .map(KeySource::Value)
            .map_err(|e| ConfigError {
                name: "NED_AUDIT_KEY",
                message: e.to_string(),
            }),
        (None, Some(path)) => Ok(KeySource::File(path.trim().into())),
        (None, None) => Ok(KeySource::File(key::default_file(database_url))),
    }
}

fn flag(get: &impl Fn(&str) -> Option<String>, name: &'static str) -> Result<bool, ConfigError> {
    match get(name).as_deref().map(str::trim) {
        None | Some("") | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(other) => Err(ConfigError {
            name,
            message: format!("{other:?} is not true or false"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn defaults_run_every_surface_on_sqlite() {
        let c = with(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://ned.db");
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert!(
            c.serves(Surface::Public) && c.serves(Surface::Detainee) && c.serves(Surface::Agent)
        );
        assert!(!c.secure_cookies && !c.demo_data);
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn public_url_loses_its_trailing_slash_and_must_be_http() {
        let c = with(&[("NED_PUBLIC_URL", "https://proches.ned.gouv.fr/")]).unwrap();
        assert_eq!(c.public_url, "https://proches.ned.gouv.fr");
        let e = with(&[("NED_PUBLIC_URL", "proches.ned.gouv.fr")]).unwrap_err();
        assert!(e.to_string().contains("NED_PUBLIC_URL"));
        assert!(with(&[("NED_PUBLIC_URL", "https://")]).is_err());
    }

    #[test]
    fn the_audit_key_comes_from_hex_or_a_file_next_to_the_database() {
        use crate::audit::KeySource;
        let c = with(&[("NED_DATABASE_URL", "sqlite://data/ned.db")]).unwrap();
        assert_eq!(c.audit_key, KeySource::File("data/ned.db.audit-key".into()));
        let c = with(&[("NED_AUDIT_KEY_FILE", "/etc/ned/audit.key")]).unwrap();
        assert_eq!(c.audit_key, KeySource::File("/etc/ned/audit.key".into()));
        let hex = "ab".repeat(32);
        let c = with(&[("NED_AUDIT_KEY", &hex)]).unwrap();
        assert!(matches!(c.audit_key, KeySource::Value(_)));
        assert!(
            !format!("{c:?}").contains(&hex),
            "the key shows in the config's Debug"
        );
        let e = with(&[("NED_AUDIT_KEY", "abcd")]).unwrap_err().to_string();
        assert!(e.contains("NED_AUDIT_KEY") && !e.contains("abcd"), "{e}");
        let both = with(&[("NED_AUDIT_KEY", &hex), ("NED_AUDIT_KEY_FILE", "k")]);
        assert!(both.is_err());
    }

    #[test]
    fn public_only_instance() {
        let c = with(&[("NED_SURFACES", "public")]).unwrap();
        assert!(c.serves(Surface::Public));
        assert!(!c.serves(Surface::Agent) && !c.serves(Surface::Detainee));
    }

    #[test]
    fn bad_values_are_named() {
        let e = with(&[("NED_SURFACES", "public,admin")]).unwrap_err();
        assert!(e.to_string().contains("NED_SURFACES"));
        let e = with(&[("NED_DEMO_DATA", "peut-être")]).unwrap_err();
        assert!(e.to_string().contains("NED_DEMO_DATA"));
        assert!(with(&[("NED_BIND", "nowhere")]).is_err());
    }
}
