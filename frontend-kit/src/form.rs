//! Form state: validate before sending, one request at a time, errors per field and for the form.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::FieldError;

use crate::api::ApiError;
use crate::locale::{I18n, error_code_message};

/// What a form shows besides its inputs: pending flag, field errors, the failed call.
#[derive(Clone, Copy)]
pub struct FormState {
    i18n: I18n,
    /// True while the request is in flight.
    pub pending: RwSignal<bool>,
    /// Errors from local validation or from the API's problem, by field name.
    pub field_errors: RwSignal<Vec<FieldError>>,
    /// The last failed call, for the page to turn into an alert.
    pub error: RwSignal<Option<ApiError>>,
}

impl FormState {
    /// A fresh form state; call inside a component (it reads the translation context).
    pub fn new() -> Self {
        Self {
            i18n: crate::i18n::use_i18n(),
            pending: RwSignal::new(false),
            field_errors: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
        }
    }

    /// The translated message under `field`, if it has an error.
    pub fn field_error(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = self.i18n;
        let errors = self.field_errors;
        Signal::derive(move || {
            errors.with(|all| {
                all.iter()
                    .find(|e| e.field == field)
                    .map(|e| error_code_message(i18n, e.code))
            })
        })
    }

    /// Forgets earlier errors.
    pub fn reset(self) {
        self.field_errors.set(Vec::new());
        self.error.set(None);
    }

    /// Shows `validation`'s errors, or sends `request` and hands its answer to `on_ok`.
    ///
    /// Ignored while a previous request is still in flight (double taps on a slow network).
    pub fn submit<T, Fut>(
        self,
        validation: Result<(), Vec<FieldError>>,
        request: impl FnOnce() -> Fut + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        if self.pending.get_untracked() {
            return;
        }
        self.reset();
        if let Err(errors) = validation {
            self.field_errors.set(errors);
            focus_first_invalid();
            return;
        }
        self.pending.set(true);
        spawn_local(async move {
            let result = request().await;
            // The page may have been left meanwhile: its signals are then gone.
            self.pending.try_set(false);
            match result {
                Ok(value) => on_ok(value),
                Err(error) => {
                    self.field_errors.try_set(error.field_errors().to_vec());
                    self.error.try_set(Some(error));
                }
            }
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// Moves the focus to the first invalid field once it is marked, so keyboard and screen-reader
/// users land on what needs fixing.
fn focus_first_invalid() {
    request_animation_frame(|| {
        let field = document()
            .query_selector("[aria-invalid=\"true\"]")
            .ok()
            .flatten();
        if let Some(el) = field.and_then(|e| {
            use leptos::wasm_bindgen::JsCast;
            e.dyn_into::<web_sys::HtmlElement>().ok()
        }) {
            let _ = el.focus();
        }
    });
}
