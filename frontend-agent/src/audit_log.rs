//! `/agent/journal`: the audit log, searched by actor, establishment, action, target and dates,
//! a page at a time, with the result as a CSV file. Agents with the audit permission.

use frontend_kit::components::{Button, ButtonKind, InputField, SelectField, SelectOption};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{api, format_date_time};
use leptos::prelude::*;
use shared_types::audit::AuditPage;
use shared_types::auth::AgentMe;
use shared_types::roles::Permission;

use crate::establishment_page::PermittedPage;
use crate::loaded::{DataTable, loaded};

/// The search criteria as typed (empty: any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub actor: String,
    pub establishment: String,
    pub action: String,
    pub target: String,
    pub from: String,
    pub to: String,
}

/// `value` escaped for a query string: unreserved characters kept, every other byte as `%XX`.
fn escape(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Criteria {
    /// The query string of the criteria given (trimmed), without `page`.
    pub fn query(&self) -> String {
        [
            ("actor", &self.actor),
            ("establishment", &self.establishment),
            ("action", &self.action),
            ("target", &self.target),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", escape(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// The search page.
#[component]
pub fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PermittedPage
            title=move || t_string!(i18n, agent.audit.title)
            intro=move || t_string!(i18n, agent.audit.intro)
            permission=Permission::ViewAudit
            not_allowed=move || t_string!(i18n, agent.audit.not_allowed)
            body=|me: AgentMe| view! { <Search me=me /> }
        />
    }
}

#[component]
fn Search(me: AgentMe) -> impl IntoView {
    let i18n = use_i18n();
    let actor = RwSignal::new(String::new());
    let establishment = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The criteria searched for (set by the button) and the page shown.
    let applied = RwSignal::new(Criteria::default());
    let page = RwSignal::new(1_i64);
    let establishments = me.establishments.clone();
    let national = me.national;
    let options = Signal::derive(move || {
        let mut list = Vec::new();
        if national {
            list.push(SelectOption {
                value: String::new(),
                label: t_string!(i18n, agent.audit.any_establishment).to_string(),
            });
        }
        list.extend(establishments.iter().map(|e| SelectOption {
            value: e.id.clone(),
            label: e.name.clone(),
        }));
        list
    });
    // A local agent always searches one of their establishments.
    if !national && let Some(first) = me.establishments.first() {
        establishment.set(first.id.clone());
        applied.update(|c| c.establishment = first.id.clone());
    }
    let search = move |_| {
        applied.set(Criteria {
            actor: actor.get_untracked(),
            establishment: establishment.get_untracked(),
            action: action.get_untracked(),
            target: target.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
        });
        page.set(1);
    };
    let results = LocalResource::new(move || {
        let query = applied.get().query();
        let page = page.get();
        let sep = if query.is_empty() { "" } else { "&" };
        let path = format!("/api/agent/audit?{query}{sep}page={page}");
        async move { api::get::<AuditPage>(&path).await }
    });
    let csv_href = move || format!("/api/agent/audit.csv?{}", applied.get().query());
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-4">
                <SelectField id="audit-establishment"
                    label=move || t_string!(i18n, agent.audit.establishment)
                    placeholder=move || t_string!(i18n, agent.audit.any_establishment)
                    options=options value=establishment error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <InputField id="audit-actor" label=move || t_string!(i18n, agent.audit.actor)
                    value=actor error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <InputField id="audit-action" label=move || t_string!(i18n, agent.audit.action)
                    hint=move || t_string!(i18n, agent.audit.action_hint)
                    value=action error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <InputField id="audit-target" label=move || t_string!(i18n, agent.audit.target)
                    value=target error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <InputField id="audit-from" label=move || t_string!(i18n, agent.audit.from)
                    input_type="date" value=from error=no_error />
            </div>
            <div class="fr-col-12 fr-col-md-4">
                <InputField id="audit-to" label=move || t_string!(i18n, agent.audit.to)
                    input_type="date" value=to error=no_error />
            </div>
        </div>
        <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
                <Button plain=true on_click=Callback::new(search)>
                    {t!(i18n, agent.audit.search)}
                </Button>
            </li>
            <li>
                <a class="fr-btn fr-btn--secondary" href=csv_href download="journal-audit.csv">
                    {t!(i18n, agent.audit.export)}
                </a>
            </li>
        </ul>
        {loaded(results, move |result: AuditPage| {
            if result.events.is_empty() {
                return view! { <p>{t!(i18n, agent.audit.empty)}</p> }.into_any();
            }
            let rows = result
                .events
                .into_iter()
                .map(|e| {
                    let at = e.at;
                    view! {
                        <tr>
                            <td>{move || format_date_time(i18n, at)}</td>
                            <td class="ned-break">{e.actor_kind}" "{e.actor_id.unwrap_or_default()}</td>
                            <td class="ned-break">{e.action}</td>
                            <td class="ned-break">{e.target.unwrap_or_default()}</td>
                            <td>{e.source_ip.unwrap_or_default()}</td>
                            <td class="ned-break">{format!("{} #{}", e.chain, e.seq)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let (current, has_more) = (result.page, result.has_more);
            view! {
                <DataTable>
                    <caption>{t!(i18n, agent.audit.caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, agent.audit.col_at)}</th>
                            <th scope="col">{t!(i18n, agent.audit.col_actor)}</th>
                            <th scope="col">{t!(i18n, agent.audit.col_action)}</th>
                            <th scope="col">{t!(i18n, agent.audit.col_target)}</th>
                            <th scope="col">{t!(i18n, agent.audit.col_ip)}</th>
                            <th scope="col">{t!(i18n, agent.audit.col_chain)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </DataTable>
                <ul class="fr-btns-group fr-btns-group--inline-md">
                    <li>
                        <Button kind=ButtonKind::Secondary plain=true disabled=current <= 1
                            on_click=Callback::new(move |_| page.set(current - 1))>
                            {t!(i18n, agent.audit.previous)}
                        </Button>
                    </li>
                    <li>
                        <Button kind=ButtonKind::Secondary plain=true disabled=!has_more
                            on_click=Callback::new(move |_| page.set(current + 1))>
                            {t!(i18n, agent.audit.next)}
                        </Button>
                    </li>
                </ul>
            }
            .into_any()
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_given_criteria_go_into_the_query_escaped() {
        assert_eq!(Criteria::default().query(), "");
        let c = Criteria {
            actor: " a1 ".into(),
            action: "visit_link.".into(),
            target: "x&y=z é".into(),
            from: "2026-03-01".into(),
            ..Criteria::default()
        };
        assert_eq!(
            c.query(),
            "actor=a1&action=visit_link.&target=x%26y%3Dz%20%C3%A9&from=2026-03-01"
        );
    }
}
