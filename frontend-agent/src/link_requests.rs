//! `/agent/demandes`: pending link requests, each with its candidates and decision forms.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api, format_date_time};
use leptos::prelude::*;
use shared_types::visit_links::LinkRequestReview;

use crate::link_decision::{ApproveForm, RejectForm};
use crate::loaded::loaded;
use crate::visit_labels::legal_status;
use crate::visits_page::{VisitsPage, establishment_path};

type RequestsResource = LocalResource<Result<Vec<LinkRequestReview>, ApiError>>;

/// Link requests page.
#[component]
pub fn LinkRequests() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.visits.requests_title)
            intro=move || t_string!(i18n, agent.visits.requests_intro)
            body=|id: String| view! { <Requests establishment=id /> }
        />
    }
}

#[component]
fn Requests(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(&establishment, "link-requests");
    let requests: RequestsResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<LinkRequestReview>>(&path).await }
    });
    loaded(requests, move |list: Vec<LinkRequestReview>| {
        if list.is_empty() {
            return view! { <p>{t!(i18n, agent.visits.requests_empty)}</p> }.into_any();
        }
        list.into_iter()
            .map(|r| {
                view! { <Request establishment=establishment.clone() request=r requests=requests /> }
            })
            .collect_view()
            .into_any()
    })
}

#[component]
fn Request(
    establishment: String,
    request: LinkRequestReview,
    requests: RequestsResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = format!(
        "{} {}",
        request.detainee_first_name, request.detainee_last_name
    );
    let heading = {
        let (visitor, typed) = (request.visitor_name.clone(), typed.clone());
        move || {
            t_string!(
                i18n,
                agent.visits.request_heading,
                visitor = visitor.clone(),
                detainee = typed.clone()
            )
            .to_string()
        }
    };
    let birth = request.detainee_birth_date.clone();
    let created_at = request.created_at;
    let permit = request.permit_number.clone();
    let candidates = request.candidates.clone();
    let candidate_items = candidates
        .iter()
        .map(|c| {
            let (name, number, cell, status) = (
                format!("{} {}", c.first_name, c.last_name),
                c.registration_number.clone(),
                c.cell.clone(),
                c.legal_status,
            );
            view! {
                <li>
                    {move || {
                        t_string!(
                            i18n,
                            agent.visits.candidate_label,
                            name = name.clone(),
                            number = number.clone(),
                            status = legal_status(i18n, status),
                            cell = cell.clone()
                        )
                        .to_string()
                    }}
                </li>
            }
        })
        .collect_view();
    let path = establishment_path(&establishment, &format!("link-requests/{}", request.id));
    view! {
        <section class="fr-card fr-p-3w fr-mb-4w">
            <h2 class="fr-h5">{heading}</h2>
            <p class="fr-mb-1w">{request.visitor_email.clone()}</p>
            <p class="fr-mb-1w">
                {move || {
                    t_string!(i18n, agent.visits.typed_detainee, name = typed.clone(), date = birth.clone())
                        .to_string()
                }}
            </p>
            {permit
                .map(|number| {
                    view! {
                        <p class="fr-mb-1w">
                            {move || t_string!(i18n, agent.visits.typed_permit, number = number.clone()).to_string()}
                        </p>
                    }
                })}
            <p class="fr-hint-text">
                {move || {
                    t_string!(i18n, agent.visits.received_at, date = format_date_time(i18n, created_at))
                        .to_string()
                }}
            </p>
            <h3 class="fr-h6">{t!(i18n, agent.visits.candidates)}</h3>
            {if candidates.is_empty() {
                view! { <p>{t!(i18n, agent.visits.no_candidate)}</p> }.into_any()
            } else {
                view! { <ul>{candidate_items}</ul> }.into_any()
            }}
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-lg-7">
                    <ApproveForm
                        path=format!("{path}/approve")
                        request_id=request.id.clone()
                        candidates=candidates
                        permit_number=request.permit_number.clone()
                        on_done=move |()| requests.refetch()
                    />
                </div>
                <div class="fr-col-12 fr-col-lg-5">
                    <RejectForm
                        path=format!("{path}/reject")
                        request_id=request.id.clone()
                        on_done=move |()| requests.refetch()
                    />
                </div>
            </div>
        </section>
    }
}
