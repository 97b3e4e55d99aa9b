//! Routes, menu and page frame of the agents' console.

use frontend_kit::components::{AppShell, Layout, NavLink, NotFound};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{I18nRoot, Session, SignOutButton, href, provide_base_path};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use shared_types::auth::AgentMe;
use shared_types::establishment::Management;
use shared_types::roles::Permission;

use crate::accounts_page::AccountsPage;
use crate::audit_log::AuditLog;
use crate::canteen_disputes::CanteenDisputes;
use crate::canteen_suspensions::CanteenSuspensions;
use crate::canteen_week::CanteenWeek;
use crate::catalogue::CataloguePage;
use crate::day_list::DayList;
use crate::establishment_page::provide_selected_establishment;
use crate::home::Home;
use crate::link_requests::LinkRequests;
use crate::outbox::Outbox;
use crate::parloirs::Parloirs;
use crate::partner_keys::PartnerKeys;
use crate::permits::Permits;
use crate::requests::dashboard::DashboardPage;
use crate::requests::detail::RequestPage;
use crate::requests::inbox::InboxPage;
use crate::requests::templates::TemplatesPage;
use crate::requests::{DASHBOARD_READERS, HANDLERS};
use crate::restrictions::Restrictions;
use crate::sign_in::SignIn;
use crate::slots_week::SlotsWeek;
use crate::split_rules::SplitRulesPage;
use crate::staff_booking::StaffBooking;
use crate::terminals::Terminals;
use crate::visit_info::VisitInfoPage;

/// Where the console is served.
pub const BASE: &str = "/agent";
/// Full address of the console's home.
pub const HOME_HREF: &str = "/agent/";
/// Session endpoint of the console.
pub const SESSION_PATH: &str = "/api/agent/session";
/// In-console path of the sign-in page.
pub const SIGN_IN: &str = "/connexion";
/// In-console path of the terminals page.
pub const TERMINALS: &str = "/terminaux";
/// In-console paths of the visits pages.
pub const DAY: &str = "/journee";
pub const STAFF_BOOKING: &str = "/reserver";
pub const PARLOIRS: &str = "/parloirs";
pub const REQUESTS: &str = "/demandes";
pub const PERMITS: &str = "/permis";
pub const RESTRICTIONS: &str = "/restrictions";
pub const SLOTS: &str = "/creneaux";
pub const VISIT_INFO: &str = "/infos-visiteurs";
pub const OUTBOX: &str = "/messages";
/// The audit log search.
pub const AUDIT_LOG: &str = "/journal";
/// In-console paths of the canteen pages.
pub const CATALOGUE: &str = "/cantine/catalogue";
pub const CANTEEN_WEEK: &str = "/cantine/commandes";
pub const DISPUTES: &str = "/cantine/contestations";
pub const SUSPENSIONS: &str = "/cantine/suspensions";
/// In-console paths of the accounts pages.
pub const ACCOUNTS: &str = "/comptes";
pub const SPLIT_RULES: &str = "/comptes/regles";
/// In-console paths of the request pages (`/demandes` is the visits' link requests).
pub const REQUESTS_INBOX: &str = "/requetes";
pub const REQUEST: &str = "/requete";
pub const REQUEST_TEMPLATES: &str = "/requetes/modeles";
pub const REQUESTS_DASHBOARD: &str = "/requetes/tableau-de-bord";
/// In-console path of the partner keys page.
pub const PARTNER_KEYS: &str = "/cles-partenaires";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nRoot>
            <Router base=BASE>
                <Console />
            </Router>
        </I18nRoot>
    }
}

#[component]
fn Console() -> impl IntoView {
    provide_base_path(BASE);
    provide_selected_establishment();
    let i18n = use_i18n();
    let session = Session::<AgentMe>::provide(SESSION_PATH);
    let home = href("/");
    let terminals = href(TERMINALS);
    let visit_hrefs = [
        DAY,
        STAFF_BOOKING,
        PARLOIRS,
        REQUESTS,
        PERMITS,
        RESTRICTIONS,
        SLOTS,
        VISIT_INFO,
        OUTBOX,
    ]
    .map(href);
    let canteen_hrefs = [CATALOGUE, CANTEEN_WEEK, DISPUTES, SUSPENSIONS].map(href);
    let accounts_hrefs = [ACCOUNTS, SPLIT_RULES].map(href);
    let request_hrefs = [REQUESTS_INBOX, REQUEST_TEMPLATES].map(href);
    let dashboard_href = [href(REQUESTS_DASHBOARD)];
    let keys_href = [href(PARTNER_KEYS)];
    let audit_href = [href(AUDIT_LOG)];
    // The menu offers only what the agent's roles permit; the API checks again anyway.
    let nav = Signal::derive(move || {
        let Some(me) = session.me().get() else {
            return Vec::new();
        };
        let mut links = vec![NavLink {
            href: home.clone(),
            label: t_string!(i18n, agent.nav_home).to_string(),
        }];
        let mut add = |permitted: bool, hrefs: &[String], labels: &[&str]| {
            if permitted {
                for (href, label) in hrefs.iter().zip(labels) {
                    links.push(NavLink {
                        href: href.clone(),
                        label: (*label).to_string(),
                    });
                }
            }
        };
        let may = |p: Permission| me.permissions.contains(&p);
        let may_any = |list: &[Permission]| list.iter().any(|p| may(*p));
        add(
            may(Permission::ManageTerminals),
            std::slice::from_ref(&terminals),
            &[t_string!(i18n, agent.nav_terminals)],
        );
        add(
            may(Permission::ManageVisits),
            &visit_hrefs,
            &[
                t_string!(i18n, agent.desk.nav_day),
                t_string!(i18n, agent.desk.nav_book),
                t_string!(i18n, agent.visits.nav_visits),
                t_string!(i18n, agent.visits.nav_requests),
                t_string!(i18n, agent.desk.nav_permits),
                t_string!(i18n, agent.desk.nav_restrictions),
                t_string!(i18n, agent.visits.nav_slots),
                t_string!(i18n, agent.visits.nav_info),
                t_string!(i18n, agent.visits.nav_outbox),
            ],
        );
        add(
            may(Permission::ManageCanteen),
            &canteen_hrefs,
            &[
                t_string!(i18n, agent.canteen.nav_catalogue),
                t_string!(i18n, agent.canteen.nav_week),
                t_string!(i18n, agent.canteen.nav_disputes),
                t_string!(i18n, agent.canteen.nav_suspensions),
            ],
        );
        add(
            may(Permission::ManageAccounts),
            &accounts_hrefs,
            &[
                t_string!(i18n, agent.accounts.nav_accounts),
                t_string!(i18n, agent.accounts.nav_rules),
            ],
        );
        add(
            may_any(HANDLERS),
            &request_hrefs,
            &[
                t_string!(i18n, agent.requests.nav_inbox),
                t_string!(i18n, agent.requests.nav_templates),
            ],
        );
        add(
            may_any(DASHBOARD_READERS),
            &dashboard_href,
            &[t_string!(i18n, agent.requests.nav_dashboard)],
        );
        add(
            may(Permission::ViewAudit),
            &audit_href,
            &[t_string!(i18n, agent.audit.nav)],
        );
        // Keys exist only for delegated establishments: other administrators have none.
        let delegated = me
            .establishments
            .iter()
            .any(|e| e.management == Management::Delegated);
        add(
            may(Permission::ManageEstablishment) && delegated,
            &keys_href,
            &[t_string!(i18n, agent.partner.nav)],
        );
        links
    });
    let actions = move || {
        view! {
            <SignOutButton
                session=session
                label=move || t_string!(i18n, agent.sign_out)
                sign_in_path=SIGN_IN
            />
        }
    };
    view! {
        <AppShell
            layout=Layout::Desktop
            service_name=move || t_string!(i18n, agent.service_name)
            tagline=move || t_string!(i18n, agent.tagline)
            home_href=HOME_HREF
            actions=actions
            nav=nav
        >
            <Routes fallback=|| view! { <NotFound home_href=HOME_HREF /> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/connexion") view=SignIn />
                <Route path=path!("/terminaux") view=Terminals />
                <Route path=path!("/journee") view=DayList />
                <Route path=path!("/reserver") view=StaffBooking />
                <Route path=path!("/parloirs") view=Parloirs />
                <Route path=path!("/permis") view=Permits />
                <Route path=path!("/restrictions") view=Restrictions />
                <Route path=path!("/demandes") view=LinkRequests />
                <Route path=path!("/creneaux") view=SlotsWeek />
                <Route path=path!("/infos-visiteurs") view=VisitInfoPage />
                <Route path=path!("/messages") view=Outbox />
                <Route path=path!("/journal") view=AuditLog />
                <Route path=path!("/cantine/catalogue") view=CataloguePage />
                <Route path=path!("/cantine/commandes") view=CanteenWeek />
                <Route path=path!("/cantine/contestations") view=CanteenDisputes />
                <Route path=path!("/cantine/suspensions") view=CanteenSuspensions />
                <Route path=path!("/comptes") view=AccountsPage />
                <Route path=path!("/comptes/regles") view=SplitRulesPage />
                <Route path=path!("/cles-partenaires") view=PartnerKeys />
                <Route path=path!("/requetes") view=InboxPage />
                <Route path=path!("/requetes/modeles") view=TemplatesPage />
                <Route path=path!("/requetes/tableau-de-bord") view=DashboardPage />
                <Route path=path!("/requete/:id") view=RequestPage />
            </Routes>
        </AppShell>
    }
}
