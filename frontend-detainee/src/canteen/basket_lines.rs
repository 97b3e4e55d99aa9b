//! The basket's lines, each with its quantity to change and its price.

use frontend_kit::components::QuantityStepper;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::BasketLine;

use crate::canteen::basket_store::BasketStore;

/// The list of what is in the basket.
#[component]
pub fn BasketLines(store: BasketStore) -> impl IntoView {
    let basket = store.basket();
    let lines = Memo::new(move |_| {
        basket.with(|b| b.as_ref().map(|b| b.lines.clone()).unwrap_or_default())
    });
    view! {
        <ul class="ned-products" id="basket-lines">
            <For
                each=move || lines.get()
                key=|l| l.product_id.clone()
                children=move |line| view! { <Line line=line store=store /> }
            />
        </ul>
    }
}

#[component]
fn Line(line: BasketLine, store: BasketStore) -> impl IntoView {
    let i18n = use_i18n();
    let BasketLine {
        product_id,
        name,
        unit,
        unit_price_cents,
        previous_price_cents,
        max_per_order,
        orderable,
        ..
    } = line;
    // The price moved since the product went into the basket: say so before the order.
    let changed = previous_price_cents.map(|before| {
        view! {
            <p class="fr-badge fr-badge--sm fr-badge--warning fr-mt-1w ned-price-changed">
                {t!(i18n, detainee.canteen.price_changed, before = format_euros(before), after = format_euros(unit_price_cents))}
            </p>
        }
    });
    let quantity = store.quantity(product_id.clone());
    let busy = store.is_busy(product_id.clone());
    let line_total = move || format_euros(unit_price_cents * i64::from(quantity.get()));
    let on_change = {
        let id = product_id.clone();
        Callback::new(move |q: u32| store.set_quantity(id.clone(), q))
    };
    let remove = {
        let id = product_id.clone();
        move |_| store.set_quantity(id.clone(), 0)
    };
    let gone = (!orderable).then(|| {
        view! {
            <p class="fr-badge fr-badge--sm fr-badge--error fr-mt-1w">
                {t!(i18n, detainee.canteen.not_orderable)}
            </p>
        }
    });
    let control = if orderable {
        view! {
            <QuantityStepper
                quantity=quantity
                min=1
                max=max_per_order.max(1)
                item=name.clone()
                more_label=move || t_string!(i18n, detainee.canteen.one_more)
                less_label=move || t_string!(i18n, detainee.canteen.one_less)
                busy=busy
                on_change=on_change
            />
        }
        .into_any()
    } else {
        ().into_any()
    };
    let remove_name = name.clone();
    view! {
        <li class="ned-product">
            <div class="ned-product__text">
                <p class="ned-product__name">{name}</p>
                <p class="fr-text--sm fr-mb-0">
                    {format!("{unit} · {}", format_euros(unit_price_cents))}
                </p>
                {changed}
                {gone}
            </div>
            <p class="ned-product__price">{line_total}</p>
            <div class="ned-product__qty">
                {control}
                <button
                    type="button"
                    class="fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-delete-line"
                    on:click=remove
                >
                    {t!(i18n, detainee.canteen.remove)}
                    <span class="fr-sr-only">{format!(" : {remove_name}")}</span>
                </button>
            </div>
        </li>
    }
}
