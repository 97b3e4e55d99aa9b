//! `/agent/`: who the agent is, where and with which roles.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session, href};
use leptos::prelude::*;
use shared_types::auth::AgentMe;
use shared_types::roles::Permission;

use crate::app::{SIGN_IN, TERMINALS};
use crate::labels;

/// Home page; signed-out agents go to the sign-in page.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::<AgentMe>::expect();
    view! {
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=|me: AgentMe| view! { <Dashboard me=me /> }
        />
    }
}

#[component]
fn Dashboard(me: AgentMe) -> impl IntoView {
    let i18n = use_i18n();
    let AgentMe {
        display_name,
        roles,
        permissions,
        national,
        establishments,
        ..
    } = me;
    let establishment_items = establishments
        .into_iter()
        .map(|e| {
            let kind = e.kind;
            view! {
                <li>
                    <strong>{e.name}</strong>
                    " — "
                    {move || labels::kind(i18n, kind)}
                    ", "
                    {e.city}
                </li>
            }
        })
        .collect_view();
    let has_establishments = !establishment_items.is_empty();
    let role_items = roles
        .iter()
        .map(|&role| view! { <li>{move || labels::role(i18n, role)}</li> })
        .collect_view();
    let has_roles = !roles.is_empty();
    let terminals_link = permissions.contains(&Permission::ManageTerminals).then(|| {
        view! {
            <p>
                <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href=href(TERMINALS)>
                    {t!(i18n, agent.nav_terminals)}
                </a>
            </p>
        }
    });

    view! {
        <h1>{move || t_string!(i18n, agent.hello, name = display_name.clone()).to_string()}</h1>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
                <h2 class="fr-h4">{t!(i18n, agent.scope_title)}</h2>
                {national.then(|| view! { <p>{t!(i18n, agent.scope_national)}</p> })}
                {if has_establishments {
                    view! { <ul>{establishment_items}</ul> }.into_any()
                } else {
                    view! { <p>{t!(i18n, agent.scope_empty)}</p> }.into_any()
                }}
            </div>
            <div class="fr-col-12 fr-col-md-6">
                <h2 class="fr-h4">{t!(i18n, agent.roles_title)}</h2>
                {if has_roles {
                    view! { <ul>{role_items}</ul> }.into_any()
                } else {
                    view! { <p>{t!(i18n, agent.roles_empty)}</p> }.into_any()
                }}
            </div>
        </div>
        {terminals_link}
    }
}
