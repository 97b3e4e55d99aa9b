//! `/detenu/demandes/nouvelle`: a new request in three steps — the service, the subject, the
//! text — then "Envoyer". Without network the request waits on the tablet and leaves by itself.

use frontend_kit::components::{Alert, AlertKind, PageTitle};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::idempotency::new_key;
use frontend_kit::{FormState, Session};
use leptos::prelude::*;
use shared_types::auth::DetaineeMe;
use shared_types::roles::Service;

use crate::requests::draft::{Draft, SUBJECT_FIELDS};
use crate::requests::queue_store::{RequestQueue, Sent};
use crate::requests::sent_view::SentView;
use crate::requests::service_step::ServiceStep;
use crate::requests::step_title::{Step, StepTitle};
use crate::requests::subject_step::SubjectStep;
use crate::requests::text_step::TextStep;
use crate::signed_in::SignedIn;

/// The new request page.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="ned-wide">
                <NewRequest />
            </div>
        </SignedIn>
    }
}

#[component]
fn NewRequest() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    let queue = RequestQueue::expect();
    let draft = Draft::new();
    let step = RwSignal::new(Step::Service);
    let form = FormState::new();
    let outcome = RwSignal::new(None::<Sent>);
    // Made at the first "Envoyer" and kept until the request is delivered or queued: a retry
    // after a lost answer sends the same key, and the server answers with the same request.
    let key = StoredValue::new(None::<String>);

    let send = move |()| {
        let idempotency_key = key.get_value().unwrap_or_else(new_key);
        key.set_value(Some(idempotency_key.clone()));
        let Some(request) = draft.request(idempotency_key) else {
            step.set(Step::Service);
            return;
        };
        let check = request.validate();
        form.submit(
            check,
            move || async move { queue.send(request).await },
            move |sent| {
                key.try_set_value(None);
                outcome.try_set(Some(sent));
            },
        );
    };
    // The API may refuse the subject, written at step 2: go back there to fix it.
    Effect::new(move |_| {
        let subject_refused = form.field_errors.with(|all| {
            all.iter()
                .any(|e| SUBJECT_FIELDS.contains(&e.field.as_str()))
        });
        if subject_refused && step.get_untracked() == Step::Text {
            step.set(Step::Subject);
        }
    });
    Effect::new(move |_| {
        if form
            .error
            .with(|e| e.as_ref().is_some_and(|e| e.is_unauthorized()))
        {
            session.ended();
        }
    });
    let write_another = Callback::new(move |()| {
        draft.service.set(None);
        draft.subject.set(String::new());
        draft.free_subject.set(String::new());
        draft.text.set(String::new());
        form.reset();
        step.set(Step::Service);
        outcome.set(None);
    });
    let health_note = move || {
        (step.get() != Step::Service && draft.service.get() == Some(Service::Health)).then(|| {
            view! {
                <Alert kind=AlertKind::Info>{t!(i18n, detainee.requests.health_note)}</Alert>
            }
        })
    };
    let current = move || {
        let service = draft.service.get();
        match (step.get(), service) {
            (Step::Subject, Some(service)) => view! {
                <SubjectStep
                    draft=draft
                    service=service
                    form=form
                    on_next=move |()| step.set(Step::Text)
                    on_back=move |()| {
                        form.reset();
                        step.set(Step::Service);
                    }
                />
            }
            .into_any(),
            (Step::Text, Some(service)) => view! {
                <TextStep
                    draft=draft
                    service=service
                    form=form
                    on_submit=send
                    on_back=move |()| {
                        form.reset();
                        step.set(Step::Subject);
                    }
                />
            }
            .into_any(),
            _ => view! {
                <ServiceStep
                    chosen=draft.service.get_untracked()
                    on_chosen=move |service| {
                        draft.choose_service(service);
                        step.set(Step::Subject);
                    }
                />
            }
            .into_any(),
        }
    };
    move || match outcome.get() {
        Some(sent) => view! { <SentView sent=sent on_write_another=write_another /> }.into_any(),
        None => view! {
            <PageTitle>{t!(i18n, detainee.requests.new_title)}</PageTitle>
            <StepTitle step=step />
            {health_note}
            {current}
        }
        .into_any(),
    }
}
