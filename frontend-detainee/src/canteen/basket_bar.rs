//! The basket at the bottom of the canteen page, always in reach: how many articles, the
//! total, and the way to the basket.

use frontend_kit::href;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;

use crate::app::BASKET_PAGE;
use crate::canteen::basket_store::BasketStore;

/// Number of articles in words: "1 article", "3 articles".
pub fn articles(i18n: frontend_kit::I18n, count: u32) -> String {
    if count == 1 {
        t_string!(i18n, detainee.canteen.one_article).to_string()
    } else {
        t_string!(i18n, detainee.canteen.articles, count = count).to_string()
    }
}

/// The sticky basket summary; `children` (an error about the last change) sit above it.
#[component]
pub fn BasketBar(store: BasketStore, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let basket = store.basket();
    let summary = move || {
        basket.with(|b| {
            b.as_ref().map(|b| {
                let count: u32 = b
                    .lines
                    .iter()
                    .filter(|l| l.orderable)
                    .map(|l| l.quantity)
                    .sum();
                let over = b.total_cents > b.balances.spendable_cents;
                (count, b.total_cents, over)
            })
        })
    };
    view! {
        <div class="ned-basket-bar" id="basket-bar">
            {children()}
            <div class="ned-basket-bar__row">
                <p class="ned-basket-bar__text" aria-live="polite">
                    <span class="fr-icon-shopping-cart-2-line fr-mr-1w" aria-hidden="true"></span>
                    {move || {
                        summary()
                            .map(|(count, total, _)| {
                                if count == 0 {
                                    return t_string!(i18n, detainee.canteen.basket_summary_empty)
                                        .to_string();
                                }
                                t_string!(
                                    i18n,
                                    detainee.canteen.basket_summary,
                                    articles = articles(i18n, count),
                                    total = format_euros(total)
                                )
                                    .to_string()
                            })
                    }}
                    {move || {
                        summary()
                            .filter(|(_, _, over)| *over)
                            .map(|_| {
                                view! {
                                    <span class="ned-basket-bar__over">
                                        {t!(i18n, detainee.canteen.over_short)}
                                    </span>
                                }
                            })
                    }}
                </p>
                <a class="fr-btn fr-btn--lg" href=href(BASKET_PAGE)>
                    {t!(i18n, detainee.canteen.see_basket)}
                </a>
            </div>
        </div>
    }
}
