//! `/agent/cles-partenaires`: API keys of the private partners of delegated-management
//! establishments (list, create with the secret shown once, revoke).

use frontend_kit::components::ButtonKind;
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api, format_date_time};
use leptos::prelude::*;
use shared_types::auth::AgentMe;
use shared_types::canteen::partner::PartnerKey;
use shared_types::establishment::{EstablishmentSummary, Management};
use shared_types::roles::Permission;

use crate::confirmed_action::ConfirmedAction;
use crate::establishment_page::PermittedPage;
use crate::loaded::{DataTable, loaded};
use crate::partner_key_form::{NoDelegated, PartnerKeyForm};

type KeysResource = LocalResource<Result<Vec<PartnerKey>, ApiError>>;

/// Partner keys page.
#[component]
pub fn PartnerKeys() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PermittedPage
            title=move || t_string!(i18n, agent.partner.title)
            intro=move || t_string!(i18n, agent.partner.intro)
            permission=Permission::ManageEstablishment
            not_allowed=move || t_string!(i18n, agent.partner.not_allowed)
            body=|me: AgentMe| view! { <KeysOf me=me /> }
        />
    }
}

#[component]
fn KeysOf(me: AgentMe) -> impl IntoView {
    let i18n = use_i18n();
    let keys: KeysResource = LocalResource::new(|| async {
        api::get::<Vec<PartnerKey>>("/api/agent/partner-keys").await
    });
    let delegated: Vec<EstablishmentSummary> = me
        .establishments
        .iter()
        .filter(|e| e.management == Management::Delegated)
        .cloned()
        .collect();
    let known = StoredValue::new(me.establishments);
    let form = if delegated.is_empty() {
        view! { <NoDelegated /> }.into_any()
    } else {
        view! { <PartnerKeyForm delegated=delegated on_done=move |()| keys.refetch() /> }.into_any()
    };
    view! {
        <h2 class="fr-h4">{t!(i18n, agent.partner.new_title)}</h2>
        {form}
        <h2 class="fr-h4 fr-mt-6w">{t!(i18n, agent.partner.list_title)}</h2>
        {loaded(keys, move |list: Vec<PartnerKey>| {
            if list.is_empty() {
                return view! { <p>{t!(i18n, agent.partner.no_key)}</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|k| {
                    let names = known.with_value(|all| {
                        k.establishment_ids
                            .iter()
                            .map(|id| {
                                all.iter()
                                    .find(|e| &e.id == id)
                                    .map_or_else(|| id.clone(), |e| e.name.clone())
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    });
                    view! { <KeyLine key=k establishments=names keys=keys /> }
                })
                .collect_view();
            view! {
                <DataTable>
                    <caption class="fr-sr-only">{t!(i18n, agent.partner.list_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, agent.partner.key_name)}</th>
                            <th scope="col">{t!(i18n, agent.partner.col_prefix)}</th>
                            <th scope="col">{t!(i18n, agent.partner.establishments)}</th>
                            <th scope="col">{t!(i18n, agent.partner.col_created)}</th>
                            <th scope="col">{t!(i18n, agent.partner.col_last_used)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                            <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </DataTable>
            }
            .into_any()
        })}
    }
}

#[component]
fn KeyLine(key: PartnerKey, establishments: String, keys: KeysResource) -> impl IntoView {
    let i18n = use_i18n();
    let (created, used, revoked) = (key.created_at, key.last_used_at, key.revoked);
    let name = key.name.clone();
    let action = (!revoked).then(|| {
        view! {
            <ConfirmedAction path=format!("/api/agent/partner-keys/{}/revoke", key.id)
                kind=ButtonKind::Secondary
                label=move || t_string!(i18n, agent.partner.revoke)
                aria_label=move || t_string!(i18n, agent.partner.revoke_label, name = name.clone()).to_string()
                confirm=move || t_string!(i18n, agent.partner.confirm_revoke)
                on_done=move |()| keys.refetch() />
        }
    });
    view! {
        <tr>
            <td>{key.name.clone()}</td>
            <td><code>{format!("{}…", key.prefix)}</code></td>
            <td>{establishments}</td>
            <td>{move || format_date_time(i18n, created)}</td>
            <td>
                {move || {
                    used.map_or_else(
                        || t_string!(i18n, agent.partner.never_used).to_string(),
                        |at| format_date_time(i18n, at),
                    )
                }}
            </td>
            <td>
                {move || {
                    if revoked {
                        t_string!(i18n, agent.partner.revoked)
                    } else {
                        t_string!(i18n, agent.partner.active)
                    }
                }}
            </td>
            <td>{action}</td>
        </tr>
    }
}
