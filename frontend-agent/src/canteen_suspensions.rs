//! `/agent/cantine/suspensions`: a detainee's disciplinary suspensions of the canteen, adding
//! one and lifting one before its end.

use frontend_kit::components::ButtonKind;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api};
use leptos::prelude::*;
use shared_types::canteen::delivery::Suspension;
use shared_types::people::DetaineeSummary;
use shared_types::roles::Permission;

use crate::confirmed_action::ConfirmedAction;
use crate::detainee_picker::DetaineePicker;
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::{DataTable, loaded};
use crate::permits::short;
use crate::suspension_form::SuspensionForm;

type SuspensionsResource = LocalResource<Result<Vec<Suspension>, ApiError>>;

/// Suspensions page.
#[component]
pub fn CanteenSuspensions() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.canteen.suspensions_title)
            intro=move || t_string!(i18n, agent.canteen.suspensions_intro)
            permission=Permission::ManageCanteen
            not_allowed=move || t_string!(i18n, agent.canteen.not_allowed)
            body=|id: String| view! { <SuspensionsIn establishment=id /> }
        />
    }
}

#[component]
fn SuspensionsIn(establishment: String) -> impl IntoView {
    let detainee = RwSignal::new(None::<DetaineeSummary>);
    view! {
        <DetaineePicker establishment=establishment.clone() id="suspensions" selected=detainee />
        {move || {
            detainee.get().map(|d| view! { <OfDetainee establishment=establishment.clone() detainee=d /> })
        }}
    }
}

#[component]
fn OfDetainee(establishment: String, detainee: DetaineeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(
        &establishment,
        &format!("detainees/{}/canteen-suspensions", detainee.id),
    );
    let list_path = path.clone();
    let suspensions: SuspensionsResource = LocalResource::new(move || {
        let path = list_path.clone();
        async move { api::get::<Vec<Suspension>>(&path).await }
    });
    let name = format!("{} {}", detainee.first_name, detainee.last_name);
    view! {
        <h2 class="fr-h4 fr-mt-4w">
            {move || t_string!(i18n, agent.canteen.suspensions_of, name = name.clone()).to_string()}
        </h2>
        {loaded(suspensions, move |list: Vec<Suspension>| {
            if list.is_empty() {
                return view! { <p>{t!(i18n, agent.canteen.no_suspension)}</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|s| view! {
                    <SuspensionLine establishment=establishment.clone() suspension=s suspensions=suspensions />
                })
                .collect_view();
            view! {
                <DataTable>
                    <caption>{t!(i18n, agent.canteen.suspensions_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, agent.canteen.col_period)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_reason)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </DataTable>
            }
            .into_any()
        })}
        <h3 class="fr-h5 fr-mt-4w">{t!(i18n, agent.canteen.new_suspension_title)}</h3>
        <SuspensionForm path=path on_done=move |()| suspensions.refetch() />
    }
}

#[component]
fn SuspensionLine(
    establishment: String,
    suspension: Suspension,
    suspensions: SuspensionsResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = (suspension.starts_on.clone(), suspension.ends_on.clone());
    let period = move || {
        t_string!(
            i18n,
            agent.visits.validity_range,
            from = short(i18n, &from),
            until = short(i18n, &to)
        )
        .to_string()
    };
    let lifted = suspension.lifted;
    let path = establishment_path(
        &establishment,
        &format!("canteen-suspensions/{}/lift", suspension.id),
    );
    let label_period = period.clone();
    let action = (!lifted).then(|| {
        view! {
            <ConfirmedAction path=path kind=ButtonKind::Secondary
                label=move || t_string!(i18n, agent.desk.lift)
                aria_label=move || {
                    t_string!(i18n, agent.canteen.lift_suspension_label, period = label_period()).to_string()
                }
                confirm=move || t_string!(i18n, agent.canteen.confirm_lift_suspension)
                on_done=move |()| suspensions.refetch() />
        }
    });
    view! {
        <tr>
            <td>{period}</td>
            <td>{suspension.reason.clone()}</td>
            <td>
                {move || {
                    if lifted {
                        t_string!(i18n, agent.canteen.suspension_lifted)
                    } else {
                        t_string!(i18n, agent.canteen.suspension_active)
                    }
                }}
            </td>
            <td>{action}</td>
        </tr>
    }
}
