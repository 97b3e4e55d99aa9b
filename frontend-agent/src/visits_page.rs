//! Frame of the visits pages: an establishment page for agents who manage visits.

use frontend_kit::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared_types::roles::Permission;

use crate::establishment_page::EstablishmentPage;
pub use crate::establishment_page::establishment_path;

/// A visits page: `<h1>`, then `body` for the chosen establishment, rebuilt when it changes.
#[component]
pub fn VisitsPage<F, V>(
    #[prop(into)] title: TextProp,
    #[prop(into)] intro: TextProp,
    body: F,
) -> impl IntoView
where
    F: Fn(String) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=title
            intro=intro
            permission=Permission::ManageVisits
            not_allowed=move || t_string!(i18n, agent.visits.not_allowed)
            body=body
        />
    }
}
