//! `/agent/permis`: the establishment's visit permits, filtered by detainee, holder or number;
//! suspending one with a reason; recording a new one.

use frontend_kit::components::{Button, ButtonKind, InputField, SubmitRow};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_short_date;
use frontend_kit::{ApiError, I18n, api};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::date::Date;
use shared_types::visit_links::PermitListing;

use crate::loaded::{DataTable, loaded};
use crate::permit_form::PermitForm;
use crate::reason_form::ReasonForm;
use crate::visit_labels::issuer;
use crate::visits_page::{VisitsPage, establishment_path};

type PermitsResource = LocalResource<Result<Vec<PermitListing>, ApiError>>;

/// Permits page.
#[component]
pub fn Permits() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <VisitsPage
            title=move || t_string!(i18n, agent.desk.permits_title)
            intro=move || t_string!(i18n, agent.desk.permits_intro)
            body=|id: String| view! { <PermitsOf establishment=id /> }
        />
    }
}

#[component]
fn PermitsOf(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let base = establishment_path(&establishment, "permits");
    let permits: PermitsResource = LocalResource::new(move || {
        let path = format!("{base}?q={}", api::query_value(&filter.get()));
        async move { api::get::<Vec<PermitListing>>(&path).await }
    });
    let on_filter = move |ev: SubmitEvent| {
        ev.prevent_default();
        filter.set(typed.get_untracked().trim().to_owned());
    };
    let table_establishment = establishment.clone();
    view! {
        <form class="ned-form fr-mb-3w" role="search" novalidate=true on:submit=on_filter>
            <InputField
                id="permits-filter"
                label=move || t_string!(i18n, agent.desk.permits_search)
                hint=move || t_string!(i18n, agent.desk.permits_search_hint)
                autocomplete="off"
                value=typed
                error=Signal::derive(|| None::<String>)
            />
            <SubmitRow pending=Signal::derive(|| false)>{t!(i18n, agent.desk.search)}</SubmitRow>
        </form>
        {loaded(permits, move |list: Vec<PermitListing>| {
            view! { <PermitTable establishment=table_establishment.clone() list=list permits=permits /> }
        })}
        <h2 class="fr-h4 fr-mt-6w">{t!(i18n, agent.desk.new_permit_title)}</h2>
        <p>{t!(i18n, agent.desk.new_permit_intro)}</p>
        <PermitForm establishment=establishment on_done=move |()| permits.refetch() />
    }
}

#[component]
fn PermitTable(
    establishment: String,
    list: Vec<PermitListing>,
    permits: PermitsResource,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.desk.permits_empty)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|p| view! { <PermitLine establishment=establishment.clone() listing=p permits=permits /> })
        .collect_view();
    view! {
        <DataTable>
            <caption>{t!(i18n, agent.desk.permits_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.desk.col_number)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_holder)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_detainee)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_issuer)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_validity)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

/// `YYYY-MM-DD` in figures of the language, or as stored when it is not a date.
pub fn short(i18n: I18n, date: &str) -> String {
    Date::parse(date).map_or_else(|| date.to_owned(), |d| format_short_date(i18n, d))
}

/// "À partir du …" or "Du … au …".
pub fn validity(i18n: I18n, from: &str, until: Option<&str>) -> String {
    let from = short(i18n, from);
    match until {
        None => t_string!(i18n, agent.visits.validity_open, from = from).to_string(),
        Some(until) => t_string!(
            i18n,
            agent.visits.validity_range,
            from = from,
            until = short(i18n, until)
        )
        .to_string(),
    }
}

#[component]
fn PermitLine(
    establishment: String,
    listing: PermitListing,
    permits: PermitsResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = listing.permit;
    let suspending = RwSignal::new(false);
    let number = StoredValue::new(p.number.clone());
    let birth = p.holder_birth_date.clone();
    let (from, until) = (p.valid_from.clone(), p.valid_until.clone());
    let (suspended, reason) = (p.suspended, p.suspension_reason.clone().unwrap_or_default());
    let state = move || {
        if suspended {
            t_string!(i18n, agent.desk.permit_suspended, reason = reason.clone()).to_string()
        } else {
            t_string!(i18n, agent.desk.permit_valid).to_string()
        }
    };
    let account = p.has_account.then(|| {
        view! { <span class="fr-hint-text">{t!(i18n, agent.desk.has_account)}</span> }
    });
    let action = (!p.suspended).then(|| {
        view! {
            <Button small=true plain=true kind=ButtonKind::Secondary
                on_click=move |_| suspending.update(|s| *s = !*s)
                aria_label=move || t_string!(i18n, agent.desk.suspend_label, number = number.get_value()).to_string()>
                {t!(i18n, agent.desk.suspend)}
            </Button>
        }
    });
    let path = establishment_path(&establishment, &format!("permits/{}/suspend", p.id));
    let id = format!("suspend-reason-{}", p.id);
    let form = move || {
        suspending.get().then(|| {
            view! {
                <tr>
                    <td colspan="7">
                        <ReasonForm
                            id=id.clone()
                            path=path.clone()
                            label=move || t_string!(i18n, agent.desk.suspend_reason)
                            hint=move || t_string!(i18n, agent.desk.suspend_reason_hint)
                            submit=move || t_string!(i18n, agent.desk.suspend_submit)
                            confirm=move || t_string!(i18n, agent.desk.confirm_suspend)
                            on_done=move |()| permits.refetch()
                        />
                    </td>
                </tr>
            }
        })
    };
    view! {
        <tr>
            <td>{p.number.clone()}</td>
            <td>
                {p.holder_name.clone()}
                <span class="fr-hint-text">
                    {move || t_string!(i18n, agent.desk.holder_born, date = short(i18n, &birth)).to_string()}
                </span>
                {account}
            </td>
            <td>{format!("{} — {}", listing.detainee_name, listing.registration_number)}</td>
            <td>{move || issuer(i18n, p.issuer)}</td>
            <td>{move || validity(i18n, &from, until.as_deref())}</td>
            <td>{state}</td>
            <td>{action}</td>
        </tr>
        {form}
    }
}
