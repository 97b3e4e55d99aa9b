//! Turning typed text into request fields, and field messages that keep the API's explanation.

use frontend_kit::{FormState, error_code_message};
use leptos::prelude::*;
use shared_types::{ErrorCode, FieldError};

/// A whole number typed in `value`; records an error for `field` when it is not one.
pub fn number(errors: &mut Vec<FieldError>, field: &str, value: RwSignal<String>) -> u32 {
    parsed(errors, field, value, |t| t.parse::<u32>().ok())
}

/// An amount typed in euros ("3,29") in `value`, as cents; records an error for `field` when
/// it is not one.
pub fn euros(errors: &mut Vec<FieldError>, field: &str, value: RwSignal<String>) -> i64 {
    parsed(errors, field, value, shared_types::accounts::parse_euros)
}

/// A percentage typed in `value` ("20", "12,5"), in basis points (1 % = 100): the same
/// arithmetic as euros to cents.
pub fn basis_points(errors: &mut Vec<FieldError>, field: &str, value: RwSignal<String>) -> i64 {
    let percent = |t: &str| shared_types::accounts::parse_euros(t.trim_end_matches('%'));
    parsed(errors, field, value, percent)
}

/// `parse` of the trimmed text; "required" or "invalid format" for `field` when it fails.
fn parsed<T: Default>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: RwSignal<String>,
    parse: impl Fn(&str) -> Option<T>,
) -> T {
    let text = value.get_untracked();
    match parse(text.trim()) {
        Some(v) => v,
        None => {
            let code = if text.trim().is_empty() {
                ErrorCode::Required
            } else {
                ErrorCode::InvalidFormat
            };
            errors.push(FieldError::new(field, code));
            T::default()
        }
    }
}

/// The trimmed text, `None` when empty.
pub fn optional(value: RwSignal<String>) -> Option<String> {
    let text = value.get_untracked().trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The trimmed text.
pub fn text(value: RwSignal<String>) -> String {
    value.get_untracked().trim().to_owned()
}

/// Parsing errors first, then the type's own validation for the other fields.
pub fn checked(
    mut errors: Vec<FieldError>,
    validation: Result<(), Vec<FieldError>>,
) -> Result<(), Vec<FieldError>> {
    for e in validation.err().unwrap_or_default() {
        if !errors.iter().any(|known| known.field == e.field) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The message under `field`: the API's own explanation when it gave a specific one (e.g. the
/// legal minimum of visits), else the translated message for the error code.
pub fn explained(form: FormState, field: impl Into<String>) -> Signal<Option<String>> {
    let field: String = field.into();
    let i18n = frontend_kit::i18n::use_i18n();
    let errors = form.field_errors;
    Signal::derive(move || {
        errors.with(|all| {
            all.iter().find(|e| e.field == field).map(|e| {
                if e.message.trim().is_empty() || e.message == e.code.french() {
                    error_code_message(i18n, e.code)
                } else {
                    e.message.clone()
                }
            })
        })
    })
}
