//! "Commander": sends the basket as an order, with one idempotency key per submission that a
//! retry reuses, so a lost answer never makes two orders.

use frontend_kit::components::{Button, Loading};
use frontend_kit::duration::now_seconds;
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::idempotency::new_key;
use frontend_kit::{Session, api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::orders::{Basket, LineInput, NewOrder, OrderPlaced};
use shared_types::refusals::canteen::Canteen;

use crate::canteen::line_errors::line_errors;
use crate::canteen::window_banner::is_open;
use crate::endpoints::ORDERS;

/// True when this basket can be ordered now.
fn can_order(basket: &Basket, now: i64) -> bool {
    basket.suspended_until.is_none()
        && is_open(basket.window.as_ref(), now)
        && basket.total_cents > 0
        && basket.total_cents <= basket.balances.spendable_cents
        && basket.lines.iter().any(|l| l.orderable)
}

/// The order button with its pending state and the refusal, if any.
#[component]
pub fn OrderSubmit(
    #[prop(into)] basket: Signal<Basket>,
    #[prop(into)] on_placed: Callback<OrderPlaced>,
    /// A price changed since the basket was shown: reloads it, with the API's explanation to
    /// keep on screen above the reloaded basket.
    #[prop(into)]
    on_stale: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    // Kept from the first tap until an order is confirmed: a retry after a lost answer
    // sends the same key, and the server answers with the order it already made.
    let key = StoredValue::new(None::<String>);
    let pending = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<String>::new());
    let allowed = move || {
        let now = now_seconds();
        basket.with(|b| can_order(b, now))
    };
    let submit = move |_| {
        if pending.get_untracked() || !allowed() {
            return;
        }
        let lines: Vec<(String, LineInput)> = basket.with_untracked(|b| {
            b.lines
                .iter()
                .filter(|l| l.orderable)
                .map(|l| {
                    let input = LineInput {
                        product_id: l.product_id.clone(),
                        quantity: l.quantity,
                    };
                    (l.name.clone(), input)
                })
                .collect()
        });
        let (names, lines): (Vec<String>, Vec<LineInput>) = lines.into_iter().unzip();
        // The total the detainee sees: the server refuses the order if its own differs.
        let expected_total_cents = Some(basket.with_untracked(|b| b.total_cents));
        let idempotency_key = key.get_value().unwrap_or_else(new_key);
        key.set_value(Some(idempotency_key.clone()));
        let order = NewOrder {
            lines,
            idempotency_key,
            expected_total_cents,
        };
        pending.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            let result = api::post::<_, OrderPlaced>(ORDERS, &order).await;
            pending.try_set(false);
            match result {
                Ok(placed) => {
                    key.try_set_value(None);
                    on_placed.run(placed);
                }
                Err(e) if e.is_unauthorized() => session.ended(),
                Err(e) if e.is(Canteen::PriceChanged) => {
                    // Nothing was ordered: show the new prices, the detainee orders again.
                    on_stale.run(api_error_message(i18n, &e));
                }
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
    view! {
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
        <div class="ned-actions">
            <Button large=true plain=true disabled=Signal::derive(move || pending.get() || !allowed()) on_click=submit>
                <span class="fr-icon-check-line fr-mr-1w" aria-hidden="true"></span>
                {t!(i18n, detainee.canteen.order)}
            </Button>
            <Show when=move || pending.get()>
                <Loading />
            </Show>
        </div>
    }
}
