//! `/detenu/demandes`: the requests waiting on the tablet, then those sent, newest first.

use frontend_kit::components::{PageTitle, loaded};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::{api, href};
use leptos::ev;
use leptos::prelude::*;
use shared_types::requests::RequestSummary;

use crate::app::NEW_REQUEST_PAGE;
use crate::endpoints::REQUESTS;
use crate::requests::queue_store::RequestQueue;
use crate::requests::summary::RequestCard;
use crate::requests::waiting_list::WaitingList;
use crate::signed_in::SignedIn;

/// The requests page.
#[component]
pub fn RequestsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="ned-wide">
                <Requests />
            </div>
        </SignedIn>
    }
}

#[component]
fn Requests() -> impl IntoView {
    let i18n = use_i18n();
    let queue = RequestQueue::expect();
    let sent = queue.sent();
    // Reloads when a waiting request reached the server, so it moves from one list to the other.
    let requests = LocalResource::new(move || {
        sent.track();
        api::get::<Vec<RequestSummary>>(REQUESTS)
    });
    // A list that failed for want of network loads by itself once the network is back.
    let online = window_event_listener(ev::online, move |_| requests.refetch());
    on_cleanup(move || online.remove());
    let write = move || {
        view! {
            <a class="fr-btn fr-btn--lg fr-btn--icon-left fr-icon-edit-line" href=href(NEW_REQUEST_PAGE)>
                {t!(i18n, detainee.requests.write)}
            </a>
        }
    };
    view! {
        <PageTitle>{t!(i18n, detainee.requests.title)}</PageTitle>
        <p class="fr-text--lg">{t!(i18n, detainee.requests.intro)}</p>
        <div class="ned-actions fr-mb-4w">{write}</div>
        <WaitingList />
        {loaded(
            requests,
            move |requests: Vec<RequestSummary>| {
                if requests.is_empty() {
                    return view! {
                        <p class="fr-text--lg" id="requests-empty">{t!(i18n, detainee.requests.empty)}</p>
                        <div class="ned-actions">{write}</div>
                    }
                        .into_any();
                }
                view! {
                    <h2 class="fr-h4">{t!(i18n, detainee.requests.sent_list_title)}</h2>
                    <ul class="ned-orders" id="requests">
                        {requests
                            .into_iter()
                            .map(|request| view! { <RequestCard request=request /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            },
        )}
    }
}
