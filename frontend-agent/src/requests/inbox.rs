//! `/agent/requetes`: the request inbox of one service in one establishment, filtered, oldest
//! deadline first.

use frontend_kit::api;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::requests::console::{Desks, Inbox};

use super::HANDLERS;
use super::desks::{DeskPicker, chosen, desks_of, first_choice};
use super::inbox_filters::{Filters, InboxFilters};
use super::inbox_table::InboxTable;
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::loaded;

/// The inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.requests.inbox_title)
            intro=move || t_string!(i18n, agent.requests.inbox_intro)
            permission=HANDLERS
            not_allowed=move || t_string!(i18n, agent.requests.not_allowed)
            body=|id: String| view! { <InboxOf establishment=id /> }
        />
    }
}

#[component]
fn InboxOf(establishment: String) -> impl IntoView {
    let desks = desks_of(&establishment);
    loaded(desks, move |desks: Desks| {
        view! { <DeskInbox establishment=establishment.clone() desks=desks /> }
    })
}

#[component]
fn DeskInbox(establishment: String, desks: Desks) -> impl IntoView {
    let i18n = use_i18n();
    if desks.desks.is_empty() {
        return view! { <p>{t!(i18n, agent.requests.no_desk)}</p> }.into_any();
    }
    let service = RwSignal::new(first_choice(&desks.desks));
    let filters = Filters::new();
    // Another service or filter starts again from the first page.
    Effect::watch(
        move || {
            (
                chosen(service),
                filters.status.get(),
                filters.age.get(),
                filters.subject.get(),
            )
        },
        move |_, _, _| filters.page.set(0),
        false,
    );
    let base = establishment_path(&establishment, "requests");
    let inbox = LocalResource::new(move || {
        let path = chosen(service).map(|s| format!("{base}?{}", filters.query(s)));
        async move {
            match path {
                Some(path) => api::get::<Inbox>(&path).await,
                None => Ok(Inbox {
                    items: Vec::new(),
                    total: 0,
                }),
            }
        }
    });
    view! {
        <DeskPicker desks=desks.desks value=service />
        {move || chosen(service).map(|s| view! { <InboxFilters filters=filters service=s /> })}
        {loaded(inbox, move |inbox: Inbox| view! { <InboxTable inbox=inbox page=filters.page /> })}
    }
    .into_any()
}
