//! Frame shared by the pages that work on one establishment: signed-in check, the page's
//! permission and the establishment picker, whose choice is kept while the agent moves between
//! pages.

use frontend_kit::components::{Alert, AlertKind, SelectField, SelectOption};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{RequireSession, Session};
use leptos::prelude::*;
use shared_types::auth::AgentMe;
use shared_types::establishment::EstablishmentSummary;
use shared_types::roles::Permission;

use crate::app::SIGN_IN;

/// The establishment chosen on these pages (empty: none yet).
#[derive(Clone, Copy)]
pub struct SelectedEstablishment(pub RwSignal<String>);

/// Provides the shared choice; called once by the console.
pub fn provide_selected_establishment() {
    provide_context(SelectedEstablishment(RwSignal::new(String::new())));
}

/// `/api/agent/establishments/{id}/{rest}`.
pub fn establishment_path(id: &str, rest: &str) -> String {
    format!("/api/agent/establishments/{id}/{rest}")
}

/// Who may open a page: the holders of one permission, or of any of several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permitted {
    One(Permission),
    AnyOf(&'static [Permission]),
}

impl Permitted {
    /// Whether an agent holding `held` may open the page.
    pub fn allows(self, held: &[Permission]) -> bool {
        match self {
            Self::One(p) => held.contains(&p),
            Self::AnyOf(list) => list.iter().any(|p| held.contains(p)),
        }
    }
}

impl From<Permission> for Permitted {
    fn from(p: Permission) -> Self {
        Self::One(p)
    }
}

impl From<&'static [Permission]> for Permitted {
    fn from(list: &'static [Permission]) -> Self {
        Self::AnyOf(list)
    }
}

/// A page for agents holding `permission`: `<h1>`, the intro, then `body` for the signed-in
/// agent; others read `not_allowed`, signed-out agents go to the sign-in page.
#[component]
pub fn PermittedPage<F, V>(
    #[prop(into)] title: TextProp,
    #[prop(into)] intro: TextProp,
    #[prop(into)] permission: Permitted,
    #[prop(into)] not_allowed: TextProp,
    body: F,
) -> impl IntoView
where
    F: Fn(AgentMe) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = Session::<AgentMe>::expect();
    view! {
        <h1>{move || title.get()}</h1>
        <p class="ned-no-print">{move || intro.get()}</p>
        <RequireSession
            session=session
            sign_in_path=SIGN_IN
            view=move |me: AgentMe| {
                if permission.allows(&me.permissions) {
                    body(me).into_any()
                } else {
                    let text = not_allowed.clone();
                    view! { <Alert kind=AlertKind::Info>{move || text.get()}</Alert> }.into_any()
                }
            }
        />
    }
}

/// A page on one establishment: [`PermittedPage`] with the establishment picker, then `body`
/// for the chosen establishment, rebuilt when it changes.
#[component]
pub fn EstablishmentPage<F, V>(
    #[prop(into)] title: TextProp,
    #[prop(into)] intro: TextProp,
    #[prop(into)] permission: Permitted,
    #[prop(into)] not_allowed: TextProp,
    body: F,
) -> impl IntoView
where
    F: Fn(String) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <PermittedPage
            title=title
            intro=intro
            permission=permission
            not_allowed=not_allowed
            body=move |me: AgentMe| view! { <Scoped me=me body=body /> }
        />
    }
}

#[component]
fn Scoped<F, V>(me: AgentMe, body: F) -> impl IntoView
where
    F: Fn(String) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let selected = use_context::<SelectedEstablishment>()
        .map(|s| s.0)
        .unwrap_or_else(|| RwSignal::new(String::new()));
    // Keep a choice still in scope; with a single establishment there is nothing to choose.
    let in_scope = selected.with_untracked(|id| me.establishments.iter().any(|e| &e.id == id));
    if !in_scope {
        selected.set(match me.establishments.as_slice() {
            [only] => only.id.clone(),
            _ => String::new(),
        });
    }
    let options: Vec<SelectOption> = me
        .establishments
        .iter()
        .map(|e| SelectOption {
            value: e.id.clone(),
            label: format!("{} ({})", e.name, e.city),
        })
        .collect();
    view! {
        <div class="fr-grid-row ned-no-print">
            <div class="fr-col-12 fr-col-md-6 fr-mb-3w">
                <SelectField
                    id="page-establishment"
                    label=move || t_string!(i18n, agent.establishment)
                    placeholder=move || t_string!(i18n, agent.choose_establishment)
                    options=options
                    value=selected
                    error=Signal::derive(|| None::<String>)
                />
            </div>
        </div>
        {move || {
            let id = selected.get();
            if id.is_empty() {
                view! { <p>{t!(i18n, agent.choose_establishment)}</p> }.into_any()
            } else {
                body(id).into_any()
            }
        }}
    }
}

/// The signed-in agent's establishment with this id, if in scope.
pub fn establishment_in_scope(id: &str) -> Option<EstablishmentSummary> {
    Session::<AgentMe>::expect()
        .me()
        .get_untracked()
        .and_then(|me| me.establishments.into_iter().find(|e| e.id == id))
}
