//! The family-portal visitor's profile: the identity a prison needs (names, date of birth,
//! phone, e-mail) and the confirmation of the e-mail address.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::problem::FieldError;
use crate::validation::{self, Errors, NAME_MAX};

/// Longest confirmation token accepted (the API issues 101 characters).
pub const TOKEN_MAX: usize = 200;

/// The visitor's profile as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitorProfile {
    pub email: String,
    /// Whether the visitor opened the confirmation link sent to `email`.
    pub email_confirmed: bool,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`; missing for accounts created without it.
    pub birth_date: Option<String>,
    /// International form, e.g. `+33612345678`.
    pub phone: Option<String>,
}

/// A visitor changes their profile. A new e-mail address must be confirmed again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// French or international number; empty or missing to have none.
    #[serde(default)]
    pub phone: Option<String>,
}

impl ProfileUpdate {
    /// Field errors, if any; `today` bounds the date of birth.
    pub fn validate(&self, today: Date) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "first_name", &self.first_name, NAME_MAX);
        validation::required_text(&mut e, "last_name", &self.last_name, NAME_MAX);
        validation::email(&mut e, "email", &self.email);
        validation::birth_date(&mut e, "birth_date", &self.birth_date, today);
        optional_phone(&mut e, "phone", self.phone.as_deref());
        e.finish()
    }

    /// The phone to store: international form, or none when left empty.
    pub fn normalised_phone(&self) -> Option<String> {
        self.phone.as_deref().and_then(validation::normalise_phone)
    }
}

/// Checks a phone number that may be left empty.
pub fn optional_phone(e: &mut Errors, field: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        validation::phone(e, field, value);
    }
}

/// The token of a confirmation link, as the `/confirmer-email?jeton=…` page sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailConfirmation {
    pub token: String,
}

impl EmailConfirmation {
    /// Field errors, if any (only shape: whether it matches is the API's business).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "token", &self.token, TOKEN_MAX);
        e.finish()
    }
}

/// Answer to a confirmation: the address now confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailConfirmed {
    pub email: String,
}

/// Answer to "send me the link again": where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationSent {
    pub email: String,
}

/// What a visitor must do before asking to be linked to a detainee: staff match the request
/// against a permit issued to a named person, so the account must hold a reachable address
/// and the date of birth printed on the permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPrerequisite {
    ConfirmEmail,
    CompleteProfile,
}

/// The first thing still missing before a link request, if any.
pub fn link_prerequisite(email_confirmed: bool, has_birth_date: bool) -> Option<LinkPrerequisite> {
    if !email_confirmed {
        Some(LinkPrerequisite::ConfirmEmail)
    } else if !has_birth_date {
        Some(LinkPrerequisite::CompleteProfile)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update() -> ProfileUpdate {
        ProfileUpdate {
            first_name: "Marie".into(),
            last_name: "Martin".into(),
            email: "marie.martin@example.fr".into(),
            birth_date: "1975-04-18".into(),
            phone: Some("06 12 34 56 78".into()),
        }
    }

    fn today() -> Date {
        Date::parse("2026-03-10").unwrap()
    }

    fn fields(form: &ProfileUpdate) -> Vec<String> {
        form.validate(today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_profile_passes_and_the_phone_is_normalised() {
        let form = update();
        assert!(form.validate(today()).is_ok());
        assert_eq!(form.normalised_phone().as_deref(), Some("+33612345678"));
    }

    #[test]
    fn the_phone_may_be_left_empty() {
        for phone in [None, Some(String::new()), Some("  ".into())] {
            let form = ProfileUpdate { phone, ..update() };
            assert!(form.validate(today()).is_ok());
            assert_eq!(form.normalised_phone(), None);
        }
    }

    #[test]
    fn every_bad_field_is_reported() {
        let form = ProfileUpdate {
            first_name: "x".repeat(NAME_MAX + 1),
            last_name: " ".into(),
            email: "marie@".into(),
            birth_date: "2030-01-01".into(),
            phone: Some("12".into()),
        };
        assert_eq!(
            fields(&form),
            ["first_name", "last_name", "email", "birth_date", "phone"]
        );
    }

    #[test]
    fn tokens_must_be_present_and_short() {
        assert!(
            EmailConfirmation {
                token: "a.b".into()
            }
            .validate()
            .is_ok()
        );
        assert!(EmailConfirmation { token: " ".into() }.validate().is_err());
        let long = EmailConfirmation {
            token: "x".repeat(TOKEN_MAX + 1),
        };
        assert!(long.validate().is_err());
    }

    #[test]
    fn links_need_a_confirmed_address_then_a_birth_date() {
        assert_eq!(
            link_prerequisite(false, false),
            Some(LinkPrerequisite::ConfirmEmail)
        );
        assert_eq!(
            link_prerequisite(true, false),
            Some(LinkPrerequisite::CompleteProfile)
        );
        assert_eq!(link_prerequisite(true, true), None);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let r: Result<ProfileUpdate, _> = serde_json::from_str(
            r#"{"first_name":"a","last_name":"b","email":"a@b.fr","birth_date":"1990-01-01","email_confirmed":true}"#,
        );
        assert!(r.is_err());
    }
}
