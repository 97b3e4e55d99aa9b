//! Changing the quantities of a placed order; the money held follows on the server.

use frontend_kit::components::{Alert, AlertKind, Button, ButtonKind, Loading, QuantityStepper};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{Session, api, api_error_message};
use leptos::html::H2;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::accounts::format_euros;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::orders::{LineInput, Order, OrderChange, OrderPlaced};
use shared_types::canteen::{Catalogue, MAX_PER_ORDER};

use crate::canteen::line_errors::line_errors;
use crate::endpoints::{self, CATALOGUE};

/// One line being edited.
#[derive(Clone)]
struct Draft {
    product_id: String,
    name: String,
    unit_price_cents: i64,
    quantity: RwSignal<u32>,
}

/// The order's lines with "−" and "+", then "Enregistrer" or "Ne rien changer".
#[component]
pub fn OrderEdit(
    order: Order,
    #[prop(into)] on_saved: Callback<OrderPlaced>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    // The per-order limits live in the catalogue; the API checks them again anyway.
    let catalogue = LocalResource::new(|| api::get::<Catalogue>(CATALOGUE));
    let max_of = move |product_id: &str| {
        catalogue
            .get()
            .and_then(|c| c.ok())
            .and_then(|c| c.products.into_iter().find(|p| p.id == product_id))
            .map_or(MAX_PER_ORDER, |p| p.max_per_order)
    };
    let drafts: Vec<Draft> = order
        .lines
        .iter()
        .map(|l| Draft {
            product_id: l.product_id.clone(),
            name: l.name.clone(),
            unit_price_cents: l.unit_price_cents,
            quantity: RwSignal::new(l.quantity),
        })
        .collect();
    let drafts = StoredValue::new(drafts);
    let total = move || {
        drafts.with_value(|all| {
            all.iter()
                .map(|d| d.unit_price_cents * i64::from(d.quantity.get()))
                .sum::<i64>()
        })
    };
    // The "Changer" button that opened this form is gone: the focus goes to its title.
    let title = NodeRef::<H2>::new();
    Effect::new(move |_| {
        if let Some(h2) = title.get() {
            let _ = h2.focus();
        }
    });
    let pending = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<String>::new());
    let order_id = order.id.clone();
    let save = move |_| {
        if pending.get_untracked() {
            return;
        }
        let kept: Vec<(String, LineInput)> = drafts.with_value(|all| {
            all.iter()
                .filter(|d| d.quantity.get_untracked() > 0)
                .map(|d| {
                    let line = LineInput {
                        product_id: d.product_id.clone(),
                        quantity: d.quantity.get_untracked(),
                    };
                    (d.name.clone(), line)
                })
                .collect()
        });
        if kept.is_empty() {
            errors.set(vec![
                t_string!(i18n, detainee.orders.edit_all_removed).to_string(),
            ]);
            return;
        }
        let (names, lines): (Vec<String>, Vec<LineInput>) = kept.into_iter().unzip();
        // The placed prices stay: the total shown is the one the server must find.
        let change = OrderChange {
            lines,
            expected_total_cents: Some(untrack(total)),
        };
        let path = endpoints::order(&order_id);
        pending.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            let result = api::put::<_, OrderPlaced>(&path, &change).await;
            pending.try_set(false);
            match result {
                Ok(placed) => on_saved.run(placed),
                Err(e) if e.is_unauthorized() => session.ended(),
                Err(e) => {
                    let mut shown = line_errors(i18n, &e, &names);
                    if shown.is_empty() {
                        shown.push(api_error_message(i18n, &e));
                    }
                    errors.try_set(shown);
                }
            }
        });
    };
    let rows = drafts.with_value(|all| {
        all.iter()
            .cloned()
            .map(|d| {
                let Draft {
                    product_id,
                    name,
                    unit_price_cents,
                    quantity,
                } = d;
                let max = Signal::derive(move || max_of(&product_id));
                view! {
                    <li class="ned-product">
                        <div class="ned-product__text">
                            <p class="ned-product__name">{name.clone()}</p>
                            <p class="fr-text--sm fr-mb-0">{format_euros(unit_price_cents)}</p>
                        </div>
                        <p class="ned-product__price">
                            {move || format_euros(unit_price_cents * i64::from(quantity.get()))}
                        </p>
                        <div class="ned-product__qty">
                            {move || {
                                let name = name.clone();
                                view! {
                                    <QuantityStepper
                                        quantity=quantity
                                        max=max.get()
                                        item=name
                                        more_label=move || t_string!(i18n, detainee.canteen.one_more)
                                        less_label=move || t_string!(i18n, detainee.canteen.one_less)
                                        on_change=move |q: u32| quantity.set(q)
                                    />
                                }
                            }}
                        </div>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <h2 class="fr-h4 fr-mt-4w" tabindex="-1" node_ref=title>
            {t!(i18n, detainee.orders.edit_title)}
        </h2>
        <p>{t!(i18n, detainee.orders.edit_help)}</p>
        <ul class="ned-products" id="order-edit">
            {rows}
        </ul>
        <dl class="ned-totals">
            <div>
                <dt>{t!(i18n, detainee.orders.new_total)}</dt>
                <dd class="ned-amount">{move || format_euros(total())}</dd>
            </div>
        </dl>
        {move || {
            errors
                .with(|e| !e.is_empty())
                .then(|| {
                    view! {
                        <div class="fr-alert fr-alert--sm fr-alert--error fr-mb-3w" role="alert">
                            {errors.get().into_iter().map(|e| view! { <p>{e}</p> }).collect_view()}
                        </div>
                    }
                })
        }}
        <Show when=move || catalogue.with(|c| c.as_ref().is_some_and(|r| r.is_err()))>
            <Alert kind=AlertKind::Info>{t!(i18n, detainee.orders.limits_unknown)}</Alert>
        </Show>
        <div class="ned-actions">
            <Button large=true plain=true disabled=pending on_click=save>
                {t!(i18n, detainee.orders.save)}
            </Button>
            <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| on_cancel.run(())>
                {t!(i18n, detainee.orders.keep)}
            </Button>
            <Show when=move || pending.get()>
                <Loading />
            </Show>
        </div>
    }
}
