//! One sent request in the list: the service with its picture, the subject, where it stands.

use frontend_kit::href;
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::request_labels::{service_label, status_badge, status_label, subject_text};
use leptos::prelude::*;
use shared_types::requests::RequestSummary;

use crate::app::request_page;
use crate::requests::service_icon::ServiceIcon;

/// A card of the requests list; the whole card opens the request.
#[component]
pub fn RequestCard(request: RequestSummary) -> impl IntoView {
    let i18n = use_i18n();
    let link = href(&request_page(&request.id));
    let RequestSummary {
        service,
        subject,
        free_subject,
        status,
        contested,
        created_at,
        answered_at,
        ..
    } = request;
    let contested = contested.then(|| {
        view! {
            <span class="fr-badge fr-badge--warning fr-ml-1w">
                {move || t_string!(i18n, common.requests.contested)}
            </span>
        }
    });
    let answered = answered_at.map(|at| {
        view! {
            <p class="fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.requests.answered_on, date = format_visit_date_time(i18n, at))
                        .to_string()
                }}
            </p>
        }
    });
    view! {
        <li class="fr-p-3w fr-mb-2w ned-card ned-card--link fr-enlarge-link ned-request">
            <p class="fr-mb-1w fr-text--lg">
                <ServiceIcon service=service />
                {move || service_label(i18n, service)}
            </p>
            <h3 class="fr-h5 fr-mb-1w">
                <a href=link>{move || subject_text(i18n, &subject, free_subject.as_deref())}</a>
            </h3>
            <p class="fr-mb-1w">
                <span class=status_badge(status)>{move || status_label(i18n, status)}</span>
                {contested}
            </p>
            <p class="fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.requests.written_on, date = format_visit_date_time(i18n, created_at))
                        .to_string()
                }}
            </p>
            {answered}
        </li>
    }
}
