//! `/detenu/compte`: the three parts of the account, explained, and what moved on it.

use frontend_kit::api;
use frontend_kit::components::{PageTitle, loaded};
use frontend_kit::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared_types::accounts::AccountView;

use crate::account_history::History;
use crate::account_parts::Parts;
use crate::endpoints::ACCOUNT;
use crate::signed_in::SignedIn;

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <SignedIn>
            // Lists of products and movements use the tablet's landscape width.
            <div class="ned-wide">
                <Account />
            </div>
        </SignedIn>
    }
}

#[component]
fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let account = LocalResource::new(|| api::get::<AccountView>(ACCOUNT));
    view! {
        <PageTitle>{t!(i18n, detainee.account.title)}</PageTitle>
        {loaded(
            account,
            |account: AccountView| {
                view! {
                    <Parts balances=account.balances />
                    <History lines=account.history />
                }
            },
        )}
    }
}
