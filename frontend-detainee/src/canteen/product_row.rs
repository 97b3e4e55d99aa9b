//! One product of the catalogue: name, unit, price (and whether it just changed), and how many
//! are in the basket, with "−" and "+".

use frontend_kit::components::QuantityStepper;
use frontend_kit::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::Product;

use crate::canteen::basket_store::BasketStore;

/// A product line; each tap changes the basket on the server at once.
#[component]
pub fn ProductRow(product: Product, store: BasketStore) -> impl IntoView {
    let i18n = use_i18n();
    let Product {
        id,
        name,
        unit,
        price_cents,
        max_per_order,
        recent_change,
        ..
    } = product;
    let quantity = store.quantity(id.clone());
    let busy = store.is_busy(id.clone());
    let change = recent_change.map(|c| {
        let before = format_euros(c.old_price_cents);
        let (class, text) = if c.new_price_cents >= c.old_price_cents {
            (
                "fr-badge fr-badge--sm fr-badge--warning",
                t_string!(i18n, detainee.canteen.price_up, before = before).to_string(),
            )
        } else {
            (
                "fr-badge fr-badge--sm fr-badge--success",
                t_string!(i18n, detainee.canteen.price_down, before = before).to_string(),
            )
        };
        view! { <p class=format!("{class} fr-mt-1w")>{text}</p> }
    });
    let on_change = {
        let id = id.clone();
        Callback::new(move |q: u32| store.set_quantity(id.clone(), q))
    };
    view! {
        <li class="ned-product">
            <div class="ned-product__text">
                <p class="ned-product__name">{name.clone()}</p>
                <p class="fr-text--sm fr-mb-0">
                    {unit}
                    " · "
                    {move || {
                        t_string!(i18n, detainee.canteen.max_per_order, count = max_per_order)
                            .to_string()
                    }}
                </p>
                {change}
            </div>
            <p class="ned-product__price">{format_euros(price_cents)}</p>
            <div class="ned-product__qty">
                <QuantityStepper
                    quantity=quantity
                    max=max_per_order
                    item=name
                    add_label=move || t_string!(i18n, detainee.canteen.add)
                    more_label=move || t_string!(i18n, detainee.canteen.one_more)
                    less_label=move || t_string!(i18n, detainee.canteen.one_less)
                    busy=busy
                    on_change=on_change
                />
            </div>
        </li>
    }
}
