//! Sending a follow-up or a contest: one idempotency key per message, kept until it is sent.

use frontend_kit::i18n::t_string;
use frontend_kit::idempotency::new_key;
use frontend_kit::{ApiError, FormState, I18n, Session, api};
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;
use shared_types::refusals::requests::Requests;
use shared_types::requests::{DetaineeMessage, RequestDetail};

/// A message form's sending state: the form, the text, the key of the message being sent.
#[derive(Clone, Copy)]
pub struct MessageSend {
    pub form: FormState,
    pub text: RwSignal<String>,
    key: StoredValue<Option<String>>,
}

impl MessageSend {
    /// A fresh state; ends the session on a 401. Call inside a component.
    pub fn new() -> Self {
        let send = Self {
            form: FormState::new(),
            text: RwSignal::new(String::new()),
            key: StoredValue::new(None),
        };
        let session = Session::<DetaineeMe>::expect();
        let error = send.form.error;
        Effect::new(move |_| {
            if error.with(|e| e.as_ref().is_some_and(ApiError::is_unauthorized)) {
                session.ended();
            }
        });
        send
    }

    /// Posts the text to `path`; the updated request goes to `on_sent`.
    pub fn send(self, path: String, on_sent: impl FnOnce(RequestDetail) + 'static) {
        let idempotency_key = self.key.get_value().unwrap_or_else(new_key);
        self.key.set_value(Some(idempotency_key.clone()));
        let body = DetaineeMessage {
            text: self.text.get_untracked().trim().to_owned(),
            idempotency_key,
        };
        let check = body.validate();
        let (key, text) = (self.key, self.text);
        self.form.submit(
            check,
            move || async move { api::post::<_, RequestDetail>(&path, &body).await },
            move |detail| {
                key.try_set_value(None);
                text.try_set(String::new());
                on_sent(detail);
            },
        );
    }

    /// The message above the form for a failure that is not about the text.
    pub fn alert(self, i18n: I18n) -> Signal<Option<String>> {
        let error = self.form.error;
        Signal::derive(move || {
            error
                .get()
                .filter(|e| e.field_errors().is_empty())
                .map(|e| {
                    if e.is(Requests::AlreadyContested) {
                        t_string!(i18n, detainee.requests.already_contested).to_string()
                    } else if e.status() == Some(409) {
                        t_string!(i18n, detainee.requests.closed_conflict).to_string()
                    } else {
                        frontend_kit::api_error_message(i18n, &e)
                    }
                })
        })
    }
}

impl Default for MessageSend {
    fn default() -> Self {
        Self::new()
    }
}
