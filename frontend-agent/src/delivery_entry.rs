//! Delivery entry for a closed window: the orders cell by cell, each line "delivered" unless
//! the manager says it was missing or replaced; saved order by order or for the whole page.
//! Under delegated management the partner records deliveries: the lines are shown read-only.

use frontend_kit::components::{Alert, AlertKind, Button, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, FormState, api, api_error_message};
use leptos::prelude::*;
use serde::Deserialize;
use shared_types::canteen::delivery::{DeliveryBatch, LineDelivery, LineOutcome};
use shared_types::canteen::orders::OrderLine;
use shared_types::canteen::partner::DeliveryOrder;

use crate::delivery_line::{DraftRow, LineDraft, LineErrors, RecordedRow};
use crate::establishment_page::establishment_path;
use crate::loaded::{DataTable, loaded};

type OrdersResource = LocalResource<Result<Vec<DeliveryOrder>, ApiError>>;

/// What recording a batch answers.
#[derive(Clone, Deserialize)]
struct Recorded {
    recorded: usize,
}

/// Where the last save was asked from, to show its outcome there: one order, or the page.
#[derive(Clone, PartialEq)]
enum Scope {
    Order(String),
    Page,
}

/// What the whole entry shares across reloads of the orders: the save in flight, its errors,
/// where it was asked from and how many lines it recorded.
#[derive(Clone, Copy)]
struct Saving {
    errors: LineErrors,
    scope: RwSignal<Option<Scope>>,
    recorded: RwSignal<Option<usize>>,
}

/// The entry for `window_id` under `base` (the establishment's canteen path).
#[component]
pub fn DeliveryEntry(
    base: String,
    window_id: String,
    establishment: String,
    delegated: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("{base}/windows/{window_id}/orders");
    let orders: OrdersResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Vec<DeliveryOrder>>(&path).await }
    });
    let saving = Saving {
        errors: LineErrors {
            form: FormState::new(),
            sent: StoredValue::new(Vec::new()),
        },
        scope: RwSignal::new(None),
        recorded: RwSignal::new(None),
    };
    let post_path = establishment_path(&establishment, "canteen/deliveries");
    view! {
        <h3 class="fr-h5 fr-mt-4w">{t!(i18n, agent.canteen.delivery_title)}</h3>
        {if delegated {
            view! { <Alert kind=AlertKind::Info>{t!(i18n, agent.canteen.delegated_delivery)}</Alert> }
                .into_any()
        } else {
            view! { <p>{t!(i18n, agent.canteen.delivery_intro)}</p> }.into_any()
        }}
        {loaded(orders, move |list: Vec<DeliveryOrder>| {
            view! {
                <OrderList list=list delegated=delegated saving=saving path=post_path.clone()
                    orders=orders />
            }
        })}
    }
}

/// The outcome of the last save, shown where it was asked from.
#[component]
fn SaveOutcome(saving: Saving, scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let form = saving.errors.form;
    let here = move || saving.scope.with(|s| s.as_ref() == Some(&scope));
    let here_too = here.clone();
    let alert = Signal::derive(move || {
        if here() {
            form.error.get().map(|e| api_error_message(i18n, &e))
        } else {
            None
        }
    });
    view! {
        <ErrorAlert message=alert />
        {move || {
            let count = saving.recorded.get().filter(|_| here_too())?;
            Some(view! {
                <Alert kind=AlertKind::Success>
                    {t_string!(i18n, agent.canteen.delivery_saved, count = count).to_string()}
                </Alert>
            })
        }}
    }
}

/// Per order id, the lines still to record with their drafts.
type OpenDrafts = Vec<(String, Vec<(OrderLine, LineDraft)>)>;

/// A line, and its draft when it is still to record here.
type Entry = (OrderLine, Option<LineDraft>);

#[component]
fn OrderList(
    list: Vec<DeliveryOrder>,
    delegated: bool,
    saving: Saving,
    path: String,
    orders: OrdersResource,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, agent.canteen.no_order)}</p> }.into_any();
    }
    let drafts: Vec<(DeliveryOrder, Vec<Entry>)> = list
        .into_iter()
        .map(|o| {
            let entries = o
                .lines
                .iter()
                .map(|l| {
                    let open = l.outcome.is_none() && !delegated;
                    (l.clone(), open.then(LineDraft::new))
                })
                .collect();
            (o, entries)
        })
        .collect();
    // Every draft of the page, by order, for saving one order or all of them.
    let all: StoredValue<OpenDrafts> = StoredValue::new(
        drafts
            .iter()
            .map(|(o, entries)| {
                let open = entries
                    .iter()
                    .filter_map(|(l, d)| d.map(|d| (l.clone(), d)))
                    .collect();
                (o.order_id.clone(), open)
            })
            .collect(),
    );
    let save = Callback::new(move |scope: Scope| {
        let mut lines: Vec<LineDelivery> = Vec::new();
        let mut errors = Vec::new();
        let mut sent = Vec::new();
        all.with_value(|all| {
            for (order_id, open) in all {
                if scope != Scope::Page && scope != Scope::Order(order_id.clone()) {
                    continue;
                }
                for (line, draft) in open {
                    let field = format!("lines[{}]", lines.len());
                    let result = draft.delivery(line, &field).unwrap_or_else(|e| {
                        errors.push(e);
                        LineDelivery {
                            line_id: line.id.clone(),
                            outcome: LineOutcome::Delivered,
                            delivered_quantity: None,
                            substitute_name: None,
                            substitute_price_cents: None,
                        }
                    });
                    sent.push(line.id.clone());
                    lines.push(result);
                }
            }
        });
        saving.errors.sent.set_value(sent);
        saving.scope.set(Some(scope));
        saving.recorded.set(None);
        let check = if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        };
        let body = DeliveryBatch { lines };
        let path = path.clone();
        saving.errors.form.submit(
            check,
            move || async move { api::post::<_, Recorded>(&path, &body).await },
            move |answer: Recorded| {
                saving.recorded.try_set(Some(answer.recorded));
                orders.refetch();
            },
        );
    });
    let any_open = drafts
        .iter()
        .any(|(_, e)| e.iter().any(|(_, d)| d.is_some()));
    let sections = drafts
        .into_iter()
        .map(|(order, entries)| view! { <OrderSection order=order entries=entries saving=saving save=save /> })
        .collect_view();
    view! {
        {sections}
        <SaveOutcome saving=saving scope=Scope::Page />
        {any_open.then(|| view! {
            <div class="ned-actions fr-mt-2w">
                <Button plain=true disabled=saving.errors.form.pending on_click=move |_| save.run(Scope::Page)>
                    {t!(i18n, agent.canteen.save_page)}
                </Button>
            </div>
        })}
    }
    .into_any()
}

#[component]
fn OrderSection(
    order: DeliveryOrder,
    entries: Vec<Entry>,
    saving: Saving,
    save: Callback<Scope>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(
        i18n,
        agent.canteen.order_heading,
        cell = order.cell.clone(),
        name = order.detainee_name.clone(),
        number = order.registration_number.clone()
    )
    .to_string();
    let open = entries.iter().any(|(_, d)| d.is_some());
    let rows = entries
        .into_iter()
        .map(|(line, draft)| match draft {
            Some(d) => view! { <DraftRow line=line draft=d errors=saving.errors /> }.into_any(),
            None => view! { <RecordedRow line=line /> }.into_any(),
        })
        .collect_view();
    let scope = Scope::Order(order.order_id.clone());
    // The outcome stays once every line is recorded and the button is gone.
    let outcome = view! { <SaveOutcome saving=saving scope=scope.clone() /> };
    let button = open.then(|| {
        let label = t_string!(
            i18n,
            agent.canteen.save_order_label,
            name = order.detainee_name.clone()
        )
        .to_string();
        view! {
            <Button small=true plain=true disabled=saving.errors.form.pending aria_label=label
                on_click=move |_| save.run(scope.clone())>
                {t!(i18n, agent.canteen.save_order)}
            </Button>
        }
    });
    view! {
        <div class="fr-mt-3w">
            <DataTable>
                <caption>{heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, agent.canteen.product_name)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_quantity)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_unit_price)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.outcome)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_detail)}</th>
                        <th scope="col">{t!(i18n, agent.canteen.col_refund)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
            {outcome}
            {button}
        </div>
    }
}
