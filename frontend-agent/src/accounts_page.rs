//! `/agent/comptes`: a detainee's account (parts, holds, history), posting money received and
//! correcting a part.

use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{ApiError, api};
use leptos::prelude::*;
use shared_types::accounts::AccountView;
use shared_types::people::DetaineeSummary;
use shared_types::roles::Permission;

use crate::account_view::{BalancesView, HistoryTable};
use crate::correction_form::CorrectionForm;
use crate::credit_form::CreditForm;
use crate::detainee_picker::DetaineePicker;
use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::loaded;
use crate::reversal_form::ReversalForm;

/// Accounts page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.accounts.title)
            intro=move || t_string!(i18n, agent.accounts.intro)
            permission=Permission::ManageAccounts
            not_allowed=move || t_string!(i18n, agent.accounts.not_allowed)
            body=|id: String| view! { <AccountsIn establishment=id /> }
        />
    }
}

#[component]
fn AccountsIn(establishment: String) -> impl IntoView {
    let detainee = RwSignal::new(None::<DetaineeSummary>);
    view! {
        <DetaineePicker establishment=establishment.clone() id="accounts" selected=detainee />
        {move || {
            detainee.get().map(|d| view! { <AccountOf establishment=establishment.clone() detainee=d /> })
        }}
    }
}

#[component]
fn AccountOf(establishment: String, detainee: DetaineeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(&establishment, &format!("accounts/{}", detainee.id));
    let read_path = path.clone();
    let account: LocalResource<Result<AccountView, ApiError>> = LocalResource::new(move || {
        let path = read_path.clone();
        async move { api::get::<AccountView>(&path).await }
    });
    let name = format!("{} {}", detainee.first_name, detainee.last_name);
    let credits = format!("{path}/credits");
    let corrections = format!("{path}/corrections");
    let reversals = path.clone();
    let history = Signal::derive(move || {
        account
            .get()
            .and_then(Result::ok)
            .map(|a| a.history)
            .unwrap_or_default()
    });
    view! {
        <h2 class="fr-h4 fr-mt-4w">
            {move || t_string!(i18n, agent.accounts.account_of, name = name.clone()).to_string()}
        </h2>
        {loaded(account, |a: AccountView| view! {
            <BalancesView balances=a.balances />
            <HistoryTable account=a />
        })}
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
            <div class="fr-col-12 fr-col-lg-6">
                <h3 class="fr-h5">{t!(i18n, agent.accounts.credit_title)}</h3>
                <p>{t!(i18n, agent.accounts.credit_intro)}</p>
                <CreditForm path=credits on_done=move |()| account.refetch() />
            </div>
            <div class="fr-col-12 fr-col-lg-6">
                <h3 class="fr-h5">{t!(i18n, agent.accounts.correction_title)}</h3>
                <p>{t!(i18n, agent.accounts.correction_intro)}</p>
                <CorrectionForm path=corrections history=history
                    on_done=move |()| account.refetch() />
            </div>
            <div class="fr-col-12 fr-col-lg-6">
                <h3 class="fr-h5">{t!(i18n, agent.accounts.reversal_title)}</h3>
                <p>{t!(i18n, agent.accounts.reversal_intro)}</p>
                <ReversalForm path=reversals history=history on_done=move |()| account.refetch() />
            </div>
        </div>
    }
}
