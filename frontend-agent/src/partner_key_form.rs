//! Creating an API key for the private partner of delegated-management establishments; the
//! secret is shown once, here, and never again.

use frontend_kit::components::{
    Alert, AlertKind, Button, ButtonKind, CheckboxField, ErrorAlert, InputField, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::canteen::partner::{NewPartnerKey, PartnerKeyCreated};
use shared_types::establishment::EstablishmentSummary;

use crate::form_input::text;

/// The key's name and the establishments it covers (`delegated`, the agent's delegated
/// establishments); the secret of the key created, shown until dismissed.
#[component]
pub fn PartnerKeyForm(
    delegated: Vec<EstablishmentSummary>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let only_one = delegated.len() == 1;
    let choices: Vec<(EstablishmentSummary, RwSignal<bool>)> = delegated
        .into_iter()
        .map(|e| (e, RwSignal::new(only_one)))
        .collect();
    let chosen = StoredValue::new(
        choices
            .iter()
            .map(|(e, c)| (e.id.clone(), *c))
            .collect::<Vec<_>>(),
    );
    let created = RwSignal::new(None::<PartnerKeyCreated>);
    let form = FormState::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = NewPartnerKey {
            name: text(name),
            establishment_ids: chosen.with_value(|all| {
                all.iter()
                    .filter(|(_, c)| c.get_untracked())
                    .map(|(id, _)| id.clone())
                    .collect()
            }),
        };
        form.submit(
            body.validate(),
            move || async move {
                api::post::<_, PartnerKeyCreated>("/api/agent/partner-keys", &body).await
            },
            move |answer: PartnerKeyCreated| {
                name.try_set(String::new());
                created.try_set(Some(answer));
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let scope_error = form.field_error("establishment_ids");
    let boxes = choices
        .into_iter()
        .map(|(e, checked)| {
            view! {
                <div class="fr-fieldset__element">
                    <CheckboxField id=format!("key-establishment-{}", e.id)
                        label=format!("{} ({})", e.name, e.city) checked=checked />
                </div>
            }
        })
        .collect_view();
    let secret = move || {
        created.get().map(|c| {
            view! {
                <div class="fr-alert fr-alert--warning fr-mb-3w" role="status">
                    <h3 class="fr-alert__title">
                        {t_string!(i18n, agent.partner.secret_title, name = c.key.name.clone()).to_string()}
                    </h3>
                    <p>{t!(i18n, agent.partner.secret_once)}</p>
                    <p class="fr-my-2w"><code class="ned-secret" id="partner-secret">{c.secret.clone()}</code></p>
                    <p class="fr-hint-text">{t!(i18n, agent.partner.copy_hint)}</p>
                    <Button kind=ButtonKind::Secondary plain=true small=true on_click=move |_| created.set(None)>
                        {t!(i18n, agent.partner.secret_copied)}
                    </Button>
                </div>
            }
        })
    };
    view! {
        {secret}
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <InputField id="key-name" label=move || t_string!(i18n, agent.partner.key_name)
                hint=move || t_string!(i18n, agent.partner.key_name_hint) autocomplete="off"
                value=name error=form.field_error("name") />
            <fieldset class="fr-fieldset"
                aria-describedby=move || scope_error.get().map(|_| "key-establishments-error")>
                <legend class="fr-fieldset__legend">{t!(i18n, agent.partner.establishments)}</legend>
                {boxes}
                <div class="fr-messages-group">
                    {move || {
                        scope_error.get().map(|m| view! {
                            <p class="fr-message fr-message--error" id="key-establishments-error">{m}</p>
                        })
                    }}
                </div>
            </fieldset>
            <SubmitRow pending=form.pending>{t!(i18n, agent.partner.create)}</SubmitRow>
        </form>
    }
}

/// Shown instead of the form when the agent administers no delegated establishment.
#[component]
pub fn NoDelegated() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Alert kind=AlertKind::Info>{t!(i18n, agent.partner.no_delegated)}</Alert> }
}
