//! Sign-up, sign-in and "who am I" for the three populations.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::establishment::EstablishmentSummary;
use crate::problem::FieldError;
use crate::roles::{Permission, Role};
use crate::validation::{self, Errors, NAME_MAX};

/// A relative creates a family-portal account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VisitorSignUp {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`; may be given later in the profile (it is needed before a link request).
    #[serde(default)]
    pub birth_date: Option<String>,
    /// French or international number; optional.
    #[serde(default)]
    pub phone: Option<String>,
}

impl VisitorSignUp {
    /// Field errors, if any; `today` bounds the date of birth.
    pub fn validate(&self, today: Date) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::email(&mut e, "email", &self.email);
        validation::new_password(&mut e, "password", &self.password);
        validation::required_text(&mut e, "first_name", &self.first_name, NAME_MAX);
        validation::required_text(&mut e, "last_name", &self.last_name, NAME_MAX);
        if let Some(birth_date) = &self.birth_date {
            validation::birth_date(&mut e, "birth_date", birth_date, today);
        }
        crate::profile::optional_phone(&mut e, "phone", self.phone.as_deref());
        e.finish()
    }
}

/// Answer to a sign-up: the same whether or not the address already had an account, so that
/// nobody can learn who uses the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpAccepted {
    pub message: String,
}

/// A relative signs in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VisitorSignIn {
    pub email: String,
    pub password: String,
}

impl VisitorSignIn {
    /// Field errors, if any (only presence: wrong credentials are not a field error).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "email", &self.email, validation::EMAIL_MAX);
        validation::required_text(&mut e, "password", &self.password, validation::PASSWORD_MAX);
        e.finish()
    }
}

/// The signed-in relative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitorMe {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Whether the visitor opened the confirmation link sent to `email`.
    pub email_confirmed: bool,
    /// Whether the profile holds what a link request needs (the date of birth).
    pub profile_complete: bool,
}

/// A staff member signs in to the console.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgentSignIn {
    pub login: String,
    pub password: String,
}

impl AgentSignIn {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "login", &self.login, 100);
        validation::required_text(&mut e, "password", &self.password, validation::PASSWORD_MAX);
        e.finish()
    }
}

/// The signed-in agent, with what they may do and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentMe {
    pub id: String,
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub permissions: Vec<Permission>,
    /// True when the scope is the whole country.
    pub national: bool,
    /// The establishments in scope (all of them when national).
    pub establishments: Vec<EstablishmentSummary>,
}

/// A detainee signs in on an enrolled terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DetaineeSignIn {
    pub registration_number: String,
    pub pin: String,
}

impl DetaineeSignIn {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::registration_number(&mut e, "registration_number", &self.registration_number);
        validation::pin(&mut e, "pin", &self.pin);
        e.finish()
    }
}

/// The signed-in detainee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DetaineeMe {
    pub id: String,
    pub registration_number: String,
    pub first_name: String,
    pub last_name: String,
    pub establishment: EstablishmentSummary,
    /// Where they live, e.g. "Bâtiment A, aile 2, cellule 114".
    pub cell: String,
    /// Seconds without activity before the session ends on this terminal.
    pub idle_timeout_seconds: u32,
}

/// A terminal enrols with the one-time code an agent gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TerminalEnrol {
    pub code: String,
}

impl TerminalEnrol {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let code = validation::normalise_code(&self.code);
        if code.is_empty() {
            e.add("code", crate::ErrorCode::Required);
        } else if code.len() > 32 {
            e.add("code", crate::ErrorCode::InvalidFormat);
        }
        e.finish()
    }
}

/// Whether this browser is an enrolled terminal, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TerminalStatus {
    pub enrolled: bool,
    pub establishment: Option<EstablishmentSummary>,
    pub location: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_up_reports_every_bad_field() {
        let form = VisitorSignUp {
            email: "pas-une-adresse".into(),
            password: "court".into(),
            first_name: " ".into(),
            last_name: "Dupont".into(),
            birth_date: Some("2099-01-01".into()),
            phone: Some("0612".into()),
        };
        let fields: Vec<_> = form
            .validate(Date::parse("2026-03-10").unwrap())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["email", "password", "first_name", "birth_date", "phone"]
        );
    }

    #[test]
    fn sign_up_without_birth_date_or_phone_is_fine() {
        let form: VisitorSignUp = serde_json::from_str(
            r#"{"email":"a@b.fr","password":"assez-long-123","first_name":"A","last_name":"B"}"#,
        )
        .unwrap();
        assert!(form.validate(Date::parse("2026-03-10").unwrap()).is_ok());
    }

    #[test]
    fn unknown_fields_are_refused() {
        let r: Result<VisitorSignIn, _> =
            serde_json::from_str(r#"{"email":"a@b.fr","password":"x","admin":true}"#);
        assert!(r.is_err());
    }
}
