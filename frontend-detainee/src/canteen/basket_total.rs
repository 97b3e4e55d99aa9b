//! The basket's total against what the detainee can spend, said plainly when it is too much.

use frontend_kit::components::{Alert, AlertKind};
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::orders::Basket;

/// Total, spendable, and the shortfall if any.
#[component]
pub fn BasketTotal(#[prop(into)] basket: Signal<Basket>) -> impl IntoView {
    let i18n = use_i18n();
    let total = move || basket.with(|b| b.total_cents);
    let spendable = move || basket.with(|b| b.balances.spendable_cents);
    let short = move || total() - spendable();
    let some_gone = move || basket.with(|b| b.lines.iter().any(|l| !l.orderable));
    view! {
        <dl class="ned-totals" id="basket-total">
            <div>
                <dt>{t!(i18n, detainee.canteen.total)}</dt>
                <dd class="ned-amount">{move || format_euros(total())}</dd>
            </div>
            <div>
                <dt>{t!(i18n, detainee.canteen.can_spend)}</dt>
                <dd class="ned-amount ned-amount--secondary">{move || format_euros(spendable())}</dd>
            </div>
        </dl>
        {move || {
            (short() > 0)
                .then(|| {
                    let text = t_string!(
                        i18n, detainee.canteen.over_spendable, amount = format_euros(short())
                    )
                        .to_string();
                    view! { <Alert kind=AlertKind::Error>{text}</Alert> }
                })
        }}
        <Show when=some_gone>
            <Alert kind=AlertKind::Info>{t!(i18n, detainee.canteen.gone_not_ordered)}</Alert>
        </Show>
    }
}
