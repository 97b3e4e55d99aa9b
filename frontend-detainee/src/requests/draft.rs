//! What the detainee is writing, across the three steps of a new request.

use leptos::prelude::*;
use shared_types::FieldError;
use shared_types::requests::{FREE_SUBJECT, NewRequest};
use shared_types::roles::Service;

/// The fields of step 2: a subject error sends the detainee back there.
pub const SUBJECT_FIELDS: [&str; 2] = ["subject", "free_subject"];

/// The request being written, one signal per choice.
#[derive(Debug, Clone, Copy)]
pub struct Draft {
    pub service: RwSignal<Option<Service>>,
    /// A subject code of the service, [`FREE_SUBJECT`], or empty while none is chosen.
    pub subject: RwSignal<String>,
    pub free_subject: RwSignal<String>,
    pub text: RwSignal<String>,
}

impl Draft {
    /// An empty draft.
    pub fn new() -> Self {
        Self {
            service: RwSignal::new(None),
            subject: RwSignal::new(String::new()),
            free_subject: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
        }
    }

    /// Chooses the service; a subject of another service no longer fits.
    pub fn choose_service(self, service: Service) {
        if self.service.get_untracked() != Some(service) {
            self.subject.set(String::new());
        }
        self.service.set(Some(service));
    }

    /// The request as it would be sent with `key`; `None` before a service is chosen.
    pub fn request(self, key: String) -> Option<NewRequest> {
        Some(build(
            self.service.get_untracked()?,
            &self.subject.get_untracked(),
            &self.free_subject.get_untracked(),
            &self.text.get_untracked(),
            key,
        ))
    }
}

impl Default for Draft {
    fn default() -> Self {
        Self::new()
    }
}

/// The request from the form's values: words trimmed, the free subject only when chosen.
pub fn build(service: Service, subject: &str, free: &str, text: &str, key: String) -> NewRequest {
    let free_subject = (subject == FREE_SUBJECT).then(|| free.trim().to_owned());
    NewRequest {
        service,
        subject: subject.to_owned(),
        free_subject,
        text: text.trim().to_owned(),
        idempotency_key: key,
    }
}

/// The errors of step 2 only (the text is written at step 3).
pub fn subject_errors(request: &NewRequest) -> Vec<FieldError> {
    request
        .validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .filter(|e| SUBJECT_FIELDS.contains(&e.field.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use shared_types::requests::subjects;

    use super::*;

    #[test]
    fn the_free_words_are_sent_only_with_the_free_subject() {
        let listed = subjects(Service::Health)[0];
        let r = build(
            Service::Health,
            listed,
            "left over",
            "  Bonjour docteur ",
            "k".into(),
        );
        assert_eq!(r.free_subject, None);
        assert_eq!(r.text, "Bonjour docteur");
        let r = build(
            Service::Health,
            FREE_SUBJECT,
            " Mes lunettes ",
            "",
            "k".into(),
        );
        assert_eq!(r.free_subject.as_deref(), Some("Mes lunettes"));
    }

    #[test]
    fn step_two_checks_the_subject_and_not_the_text() {
        let none = build(Service::Canteen, "", "", "", "k".into());
        let fields: Vec<_> = subject_errors(&none).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["subject"]);
        let free = build(Service::Canteen, FREE_SUBJECT, "ab", "", "k".into());
        let fields: Vec<_> = subject_errors(&free).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["free_subject"]);
        let listed = build(
            Service::Canteen,
            subjects(Service::Canteen)[0],
            "",
            "",
            "k".into(),
        );
        assert!(subject_errors(&listed).is_empty());
    }
}
