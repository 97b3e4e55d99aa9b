//! Messages under identity fields, more helpful than the generic "wrong format".

use frontend_kit::FormState;
use leptos::prelude::*;
use shared_types::ErrorCode;

/// The message under `field`: `invalid_format` when its format is wrong, the usual one for
/// other errors (missing, too long).
pub fn field_message(
    form: FormState,
    field: &'static str,
    invalid_format: impl Fn() -> String + Send + Sync + 'static,
) -> Signal<Option<String>> {
    let usual = form.field_error(field);
    let errors = form.field_errors;
    Signal::derive(move || {
        let bad_format = errors.with(|all| {
            all.iter()
                .any(|e| e.field == field && e.code == ErrorCode::InvalidFormat)
        });
        if bad_format {
            Some(invalid_format())
        } else {
            usual.get()
        }
    })
}
