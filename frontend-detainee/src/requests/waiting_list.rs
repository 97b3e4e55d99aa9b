//! "En attente d'envoi": the requests kept on the tablet, above the list of those sent.

use frontend_kit::components::ConfirmButton;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::request_labels::{service_label, subject_text};
use leptos::prelude::*;

use crate::requests::queue::{QueuedRequest, Waiting};
use crate::requests::queue_store::RequestQueue;
use crate::requests::service_icon::ServiceIcon;

/// The waiting requests, if any; nothing at all when none waits.
#[component]
pub fn WaitingList() -> impl IntoView {
    let i18n = use_i18n();
    let queue = RequestQueue::expect();
    let items = queue.items();
    move || {
        let waiting = items.get();
        (!waiting.is_empty()).then(|| {
            view! {
                <section class="fr-mb-4w" id="waiting" aria-labelledby="waiting-title">
                    <h2 class="fr-h4" id="waiting-title">{t!(i18n, detainee.requests.waiting_title)}</h2>
                    <p>{t!(i18n, detainee.requests.waiting_help)}</p>
                    <ul class="ned-orders">
                        {waiting
                            .into_iter()
                            .map(|item| view! { <WaitingCard item=item queue=queue /> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn WaitingCard(item: QueuedRequest, queue: RequestQueue) -> impl IntoView {
    let i18n = use_i18n();
    let key = item.key().to_owned();
    let QueuedRequest {
        request,
        queued_at,
        waiting,
    } = item;
    let service = request.service;
    let (code, free) = (request.subject, request.free_subject);
    let subject = move || subject_text(i18n, &code, free.as_deref());
    let (badge, state) = match waiting {
        Waiting::Network => (
            view! {
                <span class="fr-badge fr-badge--warning">{t!(i18n, detainee.requests.waiting_badge)}</span>
            }
            .into_any(),
            None,
        ),
        Waiting::DailyLimit { .. } => (
            view! {
                <span class="fr-badge fr-badge--warning">{t!(i18n, detainee.requests.waiting_badge)}</span>
            }
            .into_any(),
            Some(view! { <p class="fr-mb-1w">{t!(i18n, detainee.requests.waiting_limit)}</p> }.into_any()),
        ),
        Waiting::Refused { message } => {
            let deleting = RwSignal::new(false);
            (
                view! {
                    <span class="fr-badge fr-badge--error">{t!(i18n, detainee.requests.refused_badge)}</span>
                }
                .into_any(),
                Some(
                    view! {
                        <p class="fr-mb-1w fr-text--bold">
                            {move || {
                                t_string!(i18n, detainee.requests.refused, reason = message.clone())
                                    .to_string()
                            }}
                        </p>
                        <ConfirmButton
                            label=move || t_string!(i18n, detainee.requests.delete)
                            question=move || t_string!(i18n, detainee.requests.delete_question)
                            yes=move || t_string!(i18n, detainee.requests.delete_yes)
                            no=move || t_string!(i18n, detainee.requests.delete_no)
                            pending=deleting
                            on_confirm=move |()| queue.remove(key.clone())
                            large=true
                        />
                    }
                    .into_any(),
                ),
            )
        }
    };
    view! {
        <li class="fr-p-3w fr-mb-2w ned-card ned-request ned-request--waiting">
            <p class="fr-mb-1w fr-text--lg">
                <ServiceIcon service=service />
                {move || service_label(i18n, service)}
            </p>
            <h3 class="fr-h5 fr-mb-1w">{subject}</h3>
            <p class="fr-mb-1w">{badge}</p>
            <p class="fr-mb-1w">
                {move || {
                    t_string!(i18n, detainee.requests.written_on, date = format_visit_date_time(i18n, queued_at))
                        .to_string()
                }}
            </p>
            {state}
        </li>
    }
}
