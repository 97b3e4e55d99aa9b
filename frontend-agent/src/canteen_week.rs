//! `/agent/cantine/commandes`: the ordering windows (closing the open one now), the weekly
//! rhythm, and for a closed window what the shop prepares and what was delivered.

use frontend_kit::components::{Button, ButtonKind};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_date;
use frontend_kit::{ApiError, api, format_date_time};
use leptos::prelude::*;
use shared_types::canteen::{Window, WindowStatus};
use shared_types::date::Date;
use shared_types::establishment::Management;
use shared_types::roles::Permission;

use crate::canteen_settings::CanteenSettingsForm;
use crate::confirmed_action::ConfirmedAction;
use crate::consolidation::Consolidation;
use crate::delivery_entry::DeliveryEntry;
use crate::establishment_page::{EstablishmentPage, establishment_in_scope, establishment_path};
use crate::loaded::{DataTable, loaded};
use crate::money_labels::window_status;

type WindowsResource = LocalResource<Result<Vec<Window>, ApiError>>;

/// The week's orders page.
#[component]
pub fn CanteenWeek() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.canteen.week_title)
            intro=move || t_string!(i18n, agent.canteen.week_intro)
            permission=Permission::ManageCanteen
            not_allowed=move || t_string!(i18n, agent.canteen.not_allowed)
            body=|id: String| view! { <WeekOf establishment=id /> }
        />
    }
}

/// The delivery date in words, or as stored when it is not a date.
fn delivery_day(i18n: frontend_kit::I18n, date: &str) -> String {
    Date::parse(date).map_or_else(|| date.to_owned(), |d| format_date(i18n, d))
}

#[component]
fn WeekOf(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let base = establishment_path(&establishment, "canteen");
    let list_path = format!("{base}/windows");
    let windows: WindowsResource = LocalResource::new(move || {
        let path = list_path.clone();
        async move { api::get::<Vec<Window>>(&path).await }
    });
    let delegated = establishment_in_scope(&establishment)
        .is_some_and(|e| e.management == Management::Delegated);
    let chosen = RwSignal::new(None::<Window>);
    let table_base = base.clone();
    let detail_base = base.clone();
    let detail = move || {
        chosen.get().map(|w| {
            let date = w.delivery_date.clone();
            view! {
                <h2 class="fr-h4 fr-mt-6w" id="window-detail">
                    {move || {
                        t_string!(i18n, agent.canteen.window_detail, date = delivery_day(i18n, &date))
                            .to_string()
                    }}
                </h2>
                <Consolidation base=detail_base.clone() window_id=w.id.clone() />
                <DeliveryEntry base=detail_base.clone() window_id=w.id.clone()
                    establishment=establishment.clone() delegated=delegated />
            }
        })
    };
    view! {
        {loaded(windows, move |list: Vec<Window>| {
            view! { <WindowTable base=table_base.clone() list=list windows=windows chosen=chosen /> }
        })}
        {detail}
        <h2 class="fr-h4 fr-mt-6w">{t!(i18n, agent.canteen.settings_title)}</h2>
        <p>{t!(i18n, agent.canteen.settings_intro)}</p>
        <CanteenSettingsForm path=format!("{base}/settings") />
    }
}

#[component]
fn WindowTable(
    base: String,
    list: Vec<Window>,
    windows: WindowsResource,
    chosen: RwSignal<Option<Window>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.canteen.no_window)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|w| view! { <WindowLine base=base.clone() window=w windows=windows chosen=chosen /> })
        .collect_view();
    view! {
        <DataTable>
            <caption>{t!(i18n, agent.canteen.windows_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.canteen.col_closes)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_delivery)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_orders)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn WindowLine(
    base: String,
    window: Window,
    windows: WindowsResource,
    chosen: RwSignal<Option<Window>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lock_path = format!("{base}/windows/{}/lock", window.id);
    // Once closed, the window's consolidation and delivery open below the table.
    let locked = Window {
        status: WindowStatus::Locked,
        ..window.clone()
    };
    let shown = window.clone();
    let (status, closes_at) = (window.status, window.closes_at);
    let date = window.delivery_date.clone();
    let action = match status {
        WindowStatus::Open => view! {
            <ConfirmedAction path=lock_path
                label=move || t_string!(i18n, agent.canteen.lock_now)
                confirm=move || t_string!(i18n, agent.canteen.confirm_lock)
                on_done=move |()| {
                    chosen.set(Some(locked.clone()));
                    windows.refetch();
                } />
        }
        .into_any(),
        WindowStatus::Locked => view! {
            <Button small=true plain=true kind=ButtonKind::Secondary
                on_click=move |_| chosen.set(Some(shown.clone()))
                aria_label=move || {
                    t_string!(i18n, agent.canteen.open_window_label, date = delivery_day(i18n, &date))
                        .to_string()
                }>
                {t!(i18n, agent.canteen.open_window)}
            </Button>
        }
        .into_any(),
    };
    let delivery = window.delivery_date.clone();
    view! {
        <tr>
            <td>{move || format_date_time(i18n, closes_at)}</td>
            <td>{move || delivery_day(i18n, &delivery)}</td>
            <td>{move || window_status(i18n, status)}</td>
            <td>{window.order_count}</td>
            <td>{action}</td>
        </tr>
    }
}
