//! One line of an order: what, how many, its delivery and refund, and its dispute.

use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::delivery::{Dispute, LineOutcome};
use shared_types::canteen::orders::{Order, OrderLine};

use crate::labels;
use crate::orders::dispute_form::DisputeForm;

/// A line; `on_order` receives the order after a dispute was sent.
#[component]
pub fn LineItem(
    order_id: String,
    line: OrderLine,
    #[prop(into)] on_order: Callback<Order>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = labels::line_outcome(i18n, &line);
    let outcome_class = if line.outcome == Some(LineOutcome::Delivered) {
        "fr-badge fr-badge--sm fr-badge--success fr-mt-1w"
    } else {
        "fr-badge fr-badge--sm fr-badge--warning fr-mt-1w"
    };
    let outcome = outcome.map(|text| view! { <p class=outcome_class>{text}</p> });
    let OrderLine {
        id,
        name,
        unit,
        unit_price_cents,
        quantity,
        dispute,
        disputable,
        ..
    } = line;
    let dispute_view = match dispute {
        Some(d) => Some(view! { <DisputeView dispute=d /> }.into_any()),
        None if disputable => Some(
            view! { <DisputeForm order_id=order_id line_id=id product=name.clone() on_sent=on_order /> }
                .into_any(),
        ),
        None => None,
    };
    view! {
        <li class="ned-product ned-product--wrap">
            <div class="ned-product__text">
                <p class="ned-product__name">{name}</p>
                <p class="fr-text--sm fr-mb-0">
                    {move || {
                        t_string!(
                            i18n,
                            detainee.orders.quantity_times,
                            quantity = quantity,
                            unit = unit.clone(),
                            price = format_euros(unit_price_cents)
                        )
                            .to_string()
                    }}
                </p>
                {outcome}
            </div>
            <p class="ned-product__price">{format_euros(unit_price_cents * i64::from(quantity))}</p>
            {dispute_view.map(|v| view! { <div class="ned-product__below">{v}</div> })}
        </li>
    }
}

/// A dispute already sent: the detainee's words, where it stands, and the answer.
#[component]
fn DisputeView(dispute: Dispute) -> impl IntoView {
    let i18n = use_i18n();
    let Dispute {
        status,
        message,
        answer,
        refund_cents,
        ..
    } = dispute;
    let answer = answer.filter(|a| !a.trim().is_empty()).map(|a| {
        view! {
            <p class="fr-mb-0">
                <span class="fr-text--bold">{t!(i18n, detainee.orders.answer)}</span>
                " "
                {a}
            </p>
        }
    });
    view! {
        <div class="ned-dispute">
            <p class="fr-text--bold fr-mb-1w">
                {move || labels::dispute_status(i18n, status, refund_cents)}
            </p>
            <p class="fr-mb-1w">
                <span class="fr-text--bold">{t!(i18n, detainee.orders.your_message)}</span>
                " "
                {message}
            </p>
            {answer}
        </div>
    }
}
