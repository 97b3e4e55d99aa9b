//! What the three NED browser apps share: the typed API client, DSFR components, translations,
//! session helpers and the idle sign-out watcher.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod components;
pub mod duration;
pub mod form;
pub mod idempotency;
pub mod idle;
pub mod locale;
pub mod paris_time;
pub mod paths;
pub mod request_labels;
pub mod session;
pub mod sign_out;

pub use api::ApiError;
pub use form::FormState;
pub use idle::IdleWatcher;
pub use locale::{I18n, I18nRoot, LanguageSwitch, api_error_message, error_code_message};
pub use paris_time::format_date_time;
pub use paths::{href, provide_base_path};
pub use session::{Me, RequireSession, Session, SessionState, redirect_when_signed_in};
pub use sign_out::SignOutButton;
