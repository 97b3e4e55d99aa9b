//! Where a request stands, in a badge and a plain sentence.

use frontend_kit::I18n;
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::request_labels::{status_badge, status_label};
use leptos::prelude::*;
use shared_types::requests::{RequestDetail, RequestStatus};

/// What the status means for the detainee: what happens next.
pub fn status_help(i18n: I18n, status: RequestStatus, contested: bool) -> String {
    if contested {
        return t_string!(i18n, detainee.requests.help_contested).to_string();
    }
    match status {
        RequestStatus::Sent => t_string!(i18n, detainee.requests.help_sent),
        RequestStatus::Received => t_string!(i18n, detainee.requests.help_received),
        RequestStatus::InProgress => t_string!(i18n, detainee.requests.help_in_progress),
        RequestStatus::Answered => t_string!(i18n, detainee.requests.help_answered),
        RequestStatus::Closed => t_string!(i18n, detainee.requests.help_closed),
    }
    .to_string()
}

/// The status badge ("Contestée" beside it when contested), its meaning and the date written.
#[component]
pub fn RequestStatusBlock(detail: RwSignal<RequestDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let status = Memo::new(move |_| detail.with(|d| d.request.status));
    let contested = Memo::new(move |_| detail.with(|d| d.request.contested));
    let created_at = detail.with_untracked(|d| d.request.created_at);
    view! {
        <div class="ned-status fr-mb-3w" id="request-status">
            <p class="fr-mb-1w">
                <span class=move || status_badge(status.get())>
                    {move || status_label(i18n, status.get())}
                </span>
                <Show when=move || contested.get()>
                    <span class="fr-badge fr-badge--warning fr-ml-1w">
                        {move || t_string!(i18n, common.requests.contested)}
                    </span>
                </Show>
            </p>
            <p class="fr-text--lg fr-mb-1w">{move || status_help(i18n, status.get(), contested.get())}</p>
            <p class="fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.requests.written_on, date = format_visit_date_time(i18n, created_at))
                        .to_string()
                }}
            </p>
        </div>
    }
}
