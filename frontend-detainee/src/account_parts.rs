//! The three parts of the account, each with what it is for in one plain sentence.

use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::Balances;
use shared_types::accounts::format_euros;

/// Available (with what orders hold and what is left to spend), civil parties, savings.
#[component]
pub fn Parts(balances: Balances) -> impl IntoView {
    let i18n = use_i18n();
    let Balances {
        available_cents,
        held_cents,
        spendable_cents,
        civil_parties_cents,
        savings_cents,
    } = balances;
    let held = (held_cents > 0).then(|| {
        view! {
            <p class="fr-mb-1w">
                {move || {
                    t_string!(i18n, detainee.account.held, amount = format_euros(held_cents))
                        .to_string()
                }}
            </p>
            <p class="fr-text--bold fr-mb-0">
                {move || {
                    t_string!(i18n, detainee.account.spendable, amount = format_euros(spendable_cents))
                        .to_string()
                }}
            </p>
        }
    });
    view! {
        <ul class="ned-parts" aria-label=move || t_string!(i18n, detainee.account.parts_label)>
            <li class="ned-part ned-part--main" id="part-available">
                <h2 class="fr-h4 fr-mb-1w">
                    <span class="fr-icon-money-euro-circle-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.account.available)}
                </h2>
                <p class="ned-amount">{format_euros(available_cents)}</p>
                <p class="fr-mb-1w">{t!(i18n, detainee.account.available_help)}</p>
                {held}
            </li>
            <li class="ned-part" id="part-civil-parties">
                <h2 class="fr-h4 fr-mb-1w">
                    <span class="fr-icon-scales-3-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.account.civil_parties)}
                </h2>
                <p class="ned-amount">{format_euros(civil_parties_cents)}</p>
                <p class="fr-mb-0">{t!(i18n, detainee.account.civil_parties_help)}</p>
            </li>
            <li class="ned-part" id="part-savings">
                <h2 class="fr-h4 fr-mb-1w">
                    <span class="fr-icon-money-euro-box-line fr-mr-1w" aria-hidden="true"></span>
                    {t!(i18n, detainee.account.savings)}
                </h2>
                <p class="ned-amount">{format_euros(savings_cents)}</p>
                <p class="fr-mb-0">{t!(i18n, detainee.account.savings_help)}</p>
            </li>
        </ul>
    }
}
