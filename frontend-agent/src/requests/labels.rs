//! Console words for requests (filters, who wrote a message) and the badges of a request's
//! state; the tablet's words come from the kit's `request_labels`.

use frontend_kit::I18n;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::request_labels::{status_badge, status_label};
use leptos::prelude::*;
use shared_types::requests::MessageKind;
use shared_types::requests::console::{AgeFilter, InboxItem, InboxStatus};

/// An inbox status filter, in words.
pub fn inbox_status(i18n: I18n, status: InboxStatus) -> String {
    match status {
        InboxStatus::Pending => t_string!(i18n, agent.requests.filter_pending),
        InboxStatus::Overdue => t_string!(i18n, agent.requests.filter_overdue),
        InboxStatus::Contested => t_string!(i18n, agent.requests.filter_contested),
        InboxStatus::Sent => t_string!(i18n, common.requests.status_sent),
        InboxStatus::Received => t_string!(i18n, common.requests.status_received),
        InboxStatus::InProgress => t_string!(i18n, common.requests.status_in_progress),
        InboxStatus::Answered => t_string!(i18n, common.requests.status_answered),
        InboxStatus::Closed => t_string!(i18n, common.requests.status_closed),
        InboxStatus::All => t_string!(i18n, agent.requests.filter_all),
    }
    .to_string()
}

/// An age filter, in words.
pub fn age(i18n: I18n, age: AgeFilter) -> String {
    match age {
        AgeFilter::Day => t_string!(i18n, agent.requests.age_day),
        AgeFilter::Week => t_string!(i18n, agent.requests.age_week),
        AgeFilter::Older => t_string!(i18n, agent.requests.age_older),
    }
    .to_string()
}

/// What a message of the thread is, seen from the service.
pub fn message_kind(i18n: I18n, kind: MessageKind) -> String {
    match kind {
        MessageKind::Request => t_string!(i18n, agent.requests.kind_request),
        MessageKind::FollowUp => t_string!(i18n, agent.requests.kind_follow_up),
        MessageKind::Contest => t_string!(i18n, agent.requests.kind_contest),
        MessageKind::Answer => t_string!(i18n, agent.requests.kind_answer),
        MessageKind::Note => t_string!(i18n, agent.requests.kind_note),
    }
    .to_string()
}

/// The status badge, then "Contestée" and "En retard" when they apply: words, never colour
/// alone.
#[component]
pub fn StateBadges(item: InboxItem) -> impl IntoView {
    let i18n = use_i18n();
    let status = item.status;
    view! {
        <ul class="fr-badges-group">
            <li>
                <p class=format!("{} fr-badge--sm", status_badge(status))>
                    {move || status_label(i18n, status)}
                </p>
            </li>
            {item.contested.then(|| view! {
                <li>
                    <p class="fr-badge fr-badge--sm fr-badge--warning">
                        {t!(i18n, common.requests.contested)}
                    </p>
                </li>
            })}
            {item.overdue.then(|| view! {
                <li>
                    <p class="fr-badge fr-badge--sm fr-badge--error">
                        {t!(i18n, agent.requests.overdue)}
                    </p>
                </li>
            })}
        </ul>
    }
}
