//! `/agent/cantine/contestations`: detainees' disputes of delivered lines, open ones first,
//! each answered in place.

use frontend_kit::components::{Button, ButtonKind};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api, format_date_time};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::delivery::{DisputeCase, DisputeStatus};
use shared_types::roles::Permission;

use crate::dispute_answer::DisputeAnswerForm;
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::{DataTable, loaded};
use crate::money_labels::dispute_status;

type DisputesResource = LocalResource<Result<Vec<DisputeCase>, ApiError>>;

/// Disputes page.
#[component]
pub fn CanteenDisputes() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.canteen.disputes_title)
            intro=move || t_string!(i18n, agent.canteen.disputes_intro)
            permission=Permission::ManageCanteen
            not_allowed=move || t_string!(i18n, agent.canteen.not_allowed)
            body=|id: String| view! { <DisputesOf establishment=id /> }
        />
    }
}

#[component]
fn DisputesOf(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let base = establishment_path(&establishment, "canteen");
    let path = format!("{base}/disputes");
    let disputes: DisputesResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<DisputeCase>>(&path).await }
    });
    loaded(disputes, move |list: Vec<DisputeCase>| {
        if list.is_empty() {
            return view! { <p>{t!(i18n, agent.canteen.no_dispute)}</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|c| view! { <DisputeLine base=base.clone() case=c disputes=disputes /> })
            .collect_view();
        view! {
            <DataTable>
                <caption>{t!(i18n, agent.canteen.disputes_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, agent.canteen.col_date)}</th>
                        <th scope="col">{t!(i18n, agent.visits.detainee)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.product_name)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_message)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_refundable)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                        <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
        }
        .into_any()
    })
}

#[component]
fn DisputeLine(base: String, case: DisputeCase, disputes: DisputesResource) -> impl IntoView {
    let i18n = use_i18n();
    let answering = RwSignal::new(false);
    let d = case.dispute.clone();
    let status = d.status;
    let created = d.created_at;
    let name = case.detainee_name.clone();
    let answer = d.answer.clone().unwrap_or_default();
    let refunded = d.refund_cents;
    let state = move || {
        let label = dispute_status(i18n, status);
        match status {
            DisputeStatus::Open => label.to_owned(),
            DisputeStatus::Accepted => t_string!(
                i18n,
                agent.canteen.answered_refund,
                status = label,
                amount = format_euros(refunded),
                answer = answer.clone()
            )
            .to_string(),
            DisputeStatus::Rejected => t_string!(
                i18n,
                agent.canteen.answered,
                status = label,
                answer = answer.clone()
            )
            .to_string(),
        }
    };
    let action = (status == DisputeStatus::Open).then(|| {
        let name = name.clone();
        view! {
            <Button small=true plain=true kind=ButtonKind::Secondary
                on_click=move |_| answering.update(|a| *a = !*a)
                aria_label=move || t_string!(i18n, agent.canteen.answer_label, name = name.clone()).to_string()>
                {t!(i18n, agent.canteen.answer_button)}
            </Button>
        }
    });
    let form_case = StoredValue::new(case.clone());
    let form = move || {
        answering.get().then(|| {
            view! {
                <tr>
                    <td colspan="7">
                        <DisputeAnswerForm base=base.clone() case=form_case.get_value()
                            on_done=move |()| disputes.refetch() />
                    </td>
                </tr>
            }
        })
    };
    view! {
        <tr>
            <td>{move || format_date_time(i18n, created)}</td>
            <td>{format!("{} — {}", case.detainee_name, case.registration_number)}</td>
            <td>
                {case.product_name.clone()}
                <span class="fr-hint-text">
                    {format!("{} × {}", case.quantity, format_euros(case.unit_price_cents))}
                </span>
            </td>
            <td>{d.message.clone()}</td>
            <td>{format_euros(case.refundable_cents)}</td>
            <td>{state}</td>
            <td>{action}</td>
        </tr>
        {form}
    }
}
