//! `/agent/requetes/tableau-de-bord`: an establishment's requests over the last 90 days — by
//! service and status, overdue, median time to a first answer — and, for its management, each
//! service's deadline to answer.

use frontend_kit::api;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::requests::console::{DASHBOARD_DAYS, Dashboard};

use super::DASHBOARD_READERS;
use super::deadline_form::DeadlineForm;
use super::status_chart::{StatusChart, median_text};
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::loaded;

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.requests.dashboard_title)
            intro=move || t_string!(i18n, agent.requests.dashboard_intro, days = DASHBOARD_DAYS)
            permission=DASHBOARD_READERS
            not_allowed=move || t_string!(i18n, agent.requests.not_allowed)
            body=|id: String| view! { <DashboardOf establishment=id /> }
        />
    }
}

#[component]
fn DashboardOf(establishment: String) -> impl IntoView {
    let path = establishment_path(&establishment, "requests/dashboard");
    let dashboard = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Dashboard>(&path).await }
    });
    view! {
        {loaded(dashboard, move |d: Dashboard| {
            // Deadlines are for those who may set them; anyone else does not see the editor.
            let deadlines = d.can_set_deadlines.then(|| {
                let current = d.rows.iter().map(|r| (r.service, r.deadline_days)).collect();
                view! { <DeadlineForm establishment=establishment.clone() current=current /> }
            });
            view! { <Figures dashboard=d /> {deadlines} }
        })}
    }
}

#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard {
        rows,
        totals,
        overdue,
        median_answer_seconds,
        ..
    } = dashboard;
    let total = totals.total();
    let chart = if rows.is_empty() {
        view! { <p>{t!(i18n, agent.requests.dashboard_empty)}</p> }.into_any()
    } else {
        view! { <StatusChart rows=rows /> }.into_any()
    };
    view! {
        <dl class="ned-facts">
            <dt>{t!(i18n, agent.requests.total_requests)}</dt>
            <dd>{total}</dd>
            <dt>{t!(i18n, agent.requests.total_overdue)}</dt>
            <dd>{overdue}</dd>
            <dt>{t!(i18n, agent.requests.median_overall)}</dt>
            <dd>{move || median_text(i18n, median_answer_seconds)}</dd>
        </dl>
        <h2 class="fr-h4 fr-mt-4w">{t!(i18n, agent.requests.chart_title)}</h2>
        {chart}
    }
}
