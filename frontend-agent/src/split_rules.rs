//! `/agent/comptes/regles`: how money received is split between the parts in this
//! establishment, with the legal defaults explained and restorable.

use frontend_kit::components::{
    Alert, AlertKind, Button, ButtonKind, CheckboxField, ErrorAlert, InputField, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::{
    SplitRules, euros_for_input, format_euros, format_percent as percent,
};
use shared_types::roles::Permission;

use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::form_input::{basis_points, checked, euros};
use crate::loaded::loaded;

/// Split rules page.
#[component]
pub fn SplitRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.accounts.rules_title)
            intro=move || t_string!(i18n, agent.accounts.rules_intro)
            permission=Permission::ManageAccounts
            not_allowed=move || t_string!(i18n, agent.accounts.not_allowed)
            body=|id: String| view! { <RulesOf establishment=id /> }
        />
    }
}

#[component]
fn RulesOf(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = establishment_path(&establishment, "account-rules");
    let read_path = path.clone();
    let rules = LocalResource::new(move || {
        let path = read_path.clone();
        async move { api::get::<SplitRules>(&path).await }
    });
    let d = SplitRules::default();
    view! {
        <div class="fr-callout fr-mb-4w">
            <h2 class="fr-callout__title fr-h5">{t!(i18n, agent.accounts.defaults_title)}</h2>
            <p class="fr-callout__text">
                {move || {
                    t_string!(
                        i18n,
                        agent.accounts.defaults_text,
                        band1 = format_euros(d.band1_from_cents),
                        band2 = format_euros(d.band2_from_cents),
                        band3 = format_euros(d.band3_from_cents),
                        rate1 = percent(d.band1_rate_bp),
                        rate2 = percent(d.band2_rate_bp),
                        rate3 = percent(d.band3_rate_bp),
                        savings = percent(d.savings_rate_bp),
                        cap = format_euros(d.savings_cap_cents)
                    )
                    .to_string()
                }}
            </p>
        </div>
        {loaded(rules, move |r: SplitRules| view! { <RulesForm path=path.clone() rules=r /> })}
    }
}

/// The typed values of every field.
#[derive(Clone, Copy)]
struct Fields {
    band1_from: RwSignal<String>,
    band1_rate: RwSignal<String>,
    band2_from: RwSignal<String>,
    band2_rate: RwSignal<String>,
    band3_from: RwSignal<String>,
    band3_rate: RwSignal<String>,
    savings_rate: RwSignal<String>,
    savings_cap: RwSignal<String>,
    levy_family_transfer: RwSignal<bool>,
    levy_wages: RwSignal<bool>,
    levy_allowance: RwSignal<bool>,
}

/// The amounts and rates of `r` as typed, in the order of `Fields::texts`.
fn typed(r: &SplitRules) -> [String; 8] {
    [
        r.band1_from_cents,
        r.band1_rate_bp,
        r.band2_from_cents,
        r.band2_rate_bp,
        r.band3_from_cents,
        r.band3_rate_bp,
        r.savings_rate_bp,
        r.savings_cap_cents,
    ]
    .map(euros_for_input)
}

impl Fields {
    fn new(r: &SplitRules) -> Self {
        let [b1, r1, b2, r2, b3, r3, sr, sc] = typed(r).map(RwSignal::new);
        Self {
            band1_from: b1,
            band1_rate: r1,
            band2_from: b2,
            band2_rate: r2,
            band3_from: b3,
            band3_rate: r3,
            savings_rate: sr,
            savings_cap: sc,
            levy_family_transfer: RwSignal::new(r.levy_family_transfer),
            levy_wages: RwSignal::new(r.levy_wages),
            levy_allowance: RwSignal::new(r.levy_allowance),
        }
    }

    fn texts(self) -> [RwSignal<String>; 8] {
        [
            self.band1_from,
            self.band1_rate,
            self.band2_from,
            self.band2_rate,
            self.band3_from,
            self.band3_rate,
            self.savings_rate,
            self.savings_cap,
        ]
    }

    /// Puts `r` back in the fields.
    fn fill(self, r: &SplitRules) {
        for (field, value) in self.texts().into_iter().zip(typed(r)) {
            field.set(value);
        }
        self.levy_family_transfer.set(r.levy_family_transfer);
        self.levy_wages.set(r.levy_wages);
        self.levy_allowance.set(r.levy_allowance);
    }

    fn read(self, errors: &mut Vec<shared_types::FieldError>) -> SplitRules {
        SplitRules {
            band1_from_cents: euros(errors, "band1_from_cents", self.band1_from),
            band1_rate_bp: basis_points(errors, "band1_rate_bp", self.band1_rate),
            band2_from_cents: euros(errors, "band2_from_cents", self.band2_from),
            band2_rate_bp: basis_points(errors, "band2_rate_bp", self.band2_rate),
            band3_from_cents: euros(errors, "band3_from_cents", self.band3_from),
            band3_rate_bp: basis_points(errors, "band3_rate_bp", self.band3_rate),
            savings_rate_bp: basis_points(errors, "savings_rate_bp", self.savings_rate),
            savings_cap_cents: euros(errors, "savings_cap_cents", self.savings_cap),
            levy_family_transfer: self.levy_family_transfer.get_untracked(),
            levy_wages: self.levy_wages.get_untracked(),
            levy_allowance: self.levy_allowance.get_untracked(),
        }
    }
}

#[component]
fn RulesForm(path: String, rules: SplitRules) -> impl IntoView {
    let i18n = use_i18n();
    let f = Fields::new(&rules);
    let saved = RwSignal::new(false);
    let form = FormState::new();
    let d = SplitRules::default();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut errors = Vec::new();
        let body = f.read(&mut errors);
        let check = checked(errors, body.validate());
        let path = path.clone();
        form.submit(
            check,
            move || async move { api::put::<_, SplitRules>(&path, &body).await },
            move |_| {
                saved.try_set(true);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let default = move |value: String| {
        move || t_string!(i18n, agent.accounts.default_value, value = value.clone()).to_string()
    };
    let amount_field = move |id: &'static str,
                             label: TextProp,
                             value: RwSignal<String>,
                             field: &'static str,
                             was: String| {
        view! {
            <InputField id=id label=label hint=default(was) inputmode="decimal" autocomplete="off"
                value=value error=form.field_error(field) />
        }
    };
    view! {
        <Show when=move || saved.get()>
            <Alert kind=AlertKind::Success>{t!(i18n, agent.accounts.rules_saved)}</Alert>
        </Show>
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <h2 class="fr-h5">{t!(i18n, agent.accounts.civil_parties_title)}</h2>
            {amount_field("rules-band1-from", (move || t_string!(i18n, agent.accounts.band1_from)).into(),
                f.band1_from, "band1_from_cents", format_euros(d.band1_from_cents))}
            {amount_field("rules-band1-rate", (move || t_string!(i18n, agent.accounts.band1_rate)).into(),
                f.band1_rate, "band1_rate_bp", percent(d.band1_rate_bp))}
            {amount_field("rules-band2-from", (move || t_string!(i18n, agent.accounts.band2_from)).into(),
                f.band2_from, "band2_from_cents", format_euros(d.band2_from_cents))}
            {amount_field("rules-band2-rate", (move || t_string!(i18n, agent.accounts.band2_rate)).into(),
                f.band2_rate, "band2_rate_bp", percent(d.band2_rate_bp))}
            {amount_field("rules-band3-from", (move || t_string!(i18n, agent.accounts.band3_from)).into(),
                f.band3_from, "band3_from_cents", format_euros(d.band3_from_cents))}
            {amount_field("rules-band3-rate", (move || t_string!(i18n, agent.accounts.band3_rate)).into(),
                f.band3_rate, "band3_rate_bp", percent(d.band3_rate_bp))}
            <h2 class="fr-h5">{t!(i18n, agent.accounts.savings_title)}</h2>
            {amount_field("rules-savings-rate", (move || t_string!(i18n, agent.accounts.savings_rate)).into(),
                f.savings_rate, "savings_rate_bp", percent(d.savings_rate_bp))}
            {amount_field("rules-savings-cap", (move || t_string!(i18n, agent.accounts.savings_cap)).into(),
                f.savings_cap, "savings_cap_cents", format_euros(d.savings_cap_cents))}
            <h2 class="fr-h5">{t!(i18n, agent.accounts.levied_title)}</h2>
            <CheckboxField id="rules-levy-family" label=move || t_string!(i18n, agent.accounts.kinds.family_transfer)
                checked=f.levy_family_transfer />
            <CheckboxField id="rules-levy-wages" label=move || t_string!(i18n, agent.accounts.kinds.wages)
                checked=f.levy_wages />
            <CheckboxField id="rules-levy-allowance" label=move || t_string!(i18n, agent.accounts.kinds.allowance)
                hint=move || t_string!(i18n, agent.accounts.allowance_hint) checked=f.levy_allowance />
            <div class="ned-actions">
                <Button kind=ButtonKind::Secondary plain=true on_click=move |_| f.fill(&SplitRules::default())>
                    {t!(i18n, agent.accounts.restore_defaults)}
                </Button>
            </div>
            <SubmitRow pending=form.pending>{t!(i18n, agent.accounts.save_rules)}</SubmitRow>
        </form>
    }
}
