//! `/agent/restrictions`: a detainee's visit restrictions (separated visits only, a visitor
//! banned), adding one and lifting one.

use frontend_kit::components::ButtonKind;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api};
use leptos::prelude::*;
use shared_types::people::DetaineeSummary;
use shared_types::visit_desk::Restriction;
use shared_types::visit_links::Permit;

use crate::confirmed_action::ConfirmedAction;
use crate::detainee_picker::DetaineePicker;
use crate::loaded::{DataTable, loaded};
use crate::restriction_form::RestrictionForm;
use crate::visit_labels::restriction_kind;
use crate::visits_page::{VisitsPage, establishment_path};

/// A detainee's permits, to name banned visitors and to choose one.
pub type PermitsResource = LocalResource<Result<Vec<Permit>, ApiError>>;
type RestrictionsResource = LocalResource<Result<Vec<Restriction>, ApiError>>;

/// Restrictions page.
#[component]
pub fn Restrictions() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.desk.restrictions_title)
            intro=move || t_string!(i18n, agent.desk.restrictions_intro)
            body=|id: String| view! { <RestrictionsIn establishment=id /> }
        />
    }
}

#[component]
fn RestrictionsIn(establishment: String) -> impl IntoView {
    let detainee = RwSignal::new(None::<DetaineeSummary>);
    view! {
        <DetaineePicker establishment=establishment.clone() id="restrictions" selected=detainee />
        {move || {
            detainee.get().map(|d| view! { <OfDetainee establishment=establishment.clone() detainee=d /> })
        }}
    }
}

#[component]
fn OfDetainee(establishment: String, detainee: DetaineeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let base = establishment_path(&establishment, &format!("detainees/{}", detainee.id));
    let list_path = format!("{base}/restrictions");
    let restrictions: RestrictionsResource = LocalResource::new(move || {
        let path = list_path.clone();
        async move { api::get::<Vec<Restriction>>(&path).await }
    });
    let permits_path = format!("{base}/permits");
    let permits: PermitsResource = LocalResource::new(move || {
        let path = permits_path.clone();
        async move { api::get::<Vec<Permit>>(&path).await }
    });
    let name = format!("{} {}", detainee.first_name, detainee.last_name);
    let table_establishment = establishment.clone();
    view! {
        <h2 class="fr-h4 fr-mt-4w">
            {move || t_string!(i18n, agent.desk.restrictions_of, name = name.clone()).to_string()}
        </h2>
        {loaded(restrictions, move |list: Vec<Restriction>| {
            if list.is_empty() {
                return view! { <p>{t!(i18n, agent.desk.restrictions_empty)}</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|r| view! {
                    <RestrictionLine establishment=table_establishment.clone() restriction=r
                        permits=permits restrictions=restrictions />
                })
                .collect_view();
            view! {
                <DataTable>
                    <caption class="fr-sr-only">{t!(i18n, agent.desk.restrictions_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, agent.desk.col_kind)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_visitor)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_reason)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_until)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </DataTable>
            }
            .into_any()
        })}
        <h3 class="fr-h5 fr-mt-4w">{t!(i18n, agent.desk.new_restriction_title)}</h3>
        <RestrictionForm
            path=format!("{base}/restrictions")
            permits=permits
            on_done=move |()| restrictions.refetch()
        />
    }
}

#[component]
fn RestrictionLine(
    establishment: String,
    restriction: Restriction,
    permits: PermitsResource,
    restrictions: RestrictionsResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = restriction.kind;
    let permit_id = restriction.permit_id.clone();
    let visitor = move || {
        let id = permit_id.as_deref()?;
        permits.get().and_then(Result::ok).and_then(|list| {
            list.into_iter()
                .find(|p| p.id == id)
                .map(|p| format!("{} ({})", p.holder_name, p.number))
        })
    };
    let until = restriction.valid_until.clone();
    let path = establishment_path(
        &establishment,
        &format!("restrictions/{}/lift", restriction.id),
    );
    let lifted = restriction.lifted;
    let action = (!lifted).then(|| {
        view! {
            <ConfirmedAction path=path kind=ButtonKind::Secondary
                label=move || t_string!(i18n, agent.desk.lift)
                aria_label=move || t_string!(i18n, agent.desk.lift_label, kind = restriction_kind(i18n, kind)).to_string()
                confirm=move || t_string!(i18n, agent.desk.confirm_lift)
                on_done=move |()| restrictions.refetch() />
        }
    });
    view! {
        <tr>
            <td>{move || restriction_kind(i18n, kind)}</td>
            <td>{visitor}</td>
            <td>{restriction.reason.clone()}</td>
            <td>
                {move || {
                    until.clone().map_or_else(
                        || t_string!(i18n, agent.desk.until_open).to_string(),
                        |d| crate::permits::short(i18n, &d),
                    )
                }}
            </td>
            <td>
                {move || {
                    if lifted {
                        t_string!(i18n, agent.desk.restriction_lifted)
                    } else {
                        t_string!(i18n, agent.desk.restriction_active)
                    }
                }}
            </td>
            <td>{action}</td>
        </tr>
    }
}
