//! `/detenu/demandes/:id`: one request — where it stands, its messages, and what the detainee
//! can still write (a follow-up while it is open, a contest of the answer).

use frontend_kit::components::{Alert, AlertKind, PageTitle, loaded};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::request_labels::{service_label, subject_text};
use frontend_kit::{api, href};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::requests::RequestDetail;

use crate::app::REQUESTS_PAGE;
use crate::endpoints;
use crate::requests::contest_form::ContestForm;
use crate::requests::follow_up_form::FollowUpForm;
use crate::requests::request_status::RequestStatusBlock;
use crate::requests::service_icon::ServiceIcon;
use crate::requests::thread::Thread;
use crate::signed_in::SignedIn;

/// The request page.
#[component]
pub fn RequestPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="ned-wide">
                <RequestLoader />
            </div>
        </SignedIn>
    }
}

#[component]
fn RequestLoader() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let detail = LocalResource::new(move || {
        let id = id.clone();
        async move { api::get::<RequestDetail>(&endpoints::request(&id)).await }
    });
    loaded(
        detail,
        |detail: RequestDetail| view! { <RequestView detail=detail /> },
    )
}

#[component]
fn RequestView(detail: RequestDetail) -> impl IntoView {
    let i18n = use_i18n();
    let (service, code, free) = (
        detail.request.service,
        detail.request.subject.clone(),
        detail.request.free_subject.clone(),
    );
    let detail = RwSignal::new(detail);
    let notice = RwSignal::new(None::<String>);
    let on_updated = Callback::new(move |(updated, message): (RequestDetail, String)| {
        detail.set(updated);
        notice.set(Some(message));
    });
    let can_follow_up = Memo::new(move |_| detail.with(|d| d.can_follow_up));
    let can_contest = Memo::new(move |_| detail.with(|d| d.can_contest));
    let id = detail.with_untracked(|d| d.request.id.clone());
    let contest_id = id.clone();
    view! {
        <p class="fr-mb-1w fr-text--lg" id="request-service">
            <ServiceIcon service=service />
            {move || service_label(i18n, service)}
        </p>
        <PageTitle>{move || subject_text(i18n, &code, free.as_deref())}</PageTitle>
        <RequestStatusBlock detail=detail />
        {move || notice.get().map(|n| view! { <Alert kind=AlertKind::Success>{n}</Alert> })}
        <Thread detail=detail />
        <Show when=move || can_contest.get()>
            <ContestForm id=contest_id.clone() on_sent=on_updated />
        </Show>
        <Show
            when=move || can_follow_up.get()
            fallback=move || {
                view! { <p class="fr-mt-4w" id="request-closed">{t!(i18n, detainee.requests.closed_note)}</p> }
            }
        >
            <FollowUpForm id=id.clone() on_sent=on_updated />
        </Show>
        <p class="fr-mt-4w">
            <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=href(REQUESTS_PAGE)>
                {t!(i18n, detainee.requests.back_to_list)}
            </a>
        </p>
    }
}
