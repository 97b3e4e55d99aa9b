//! One visit in a list: when, where, with whom, and its cancellation (confirmed first).

use frontend_kit::components::{Button, ButtonKind, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::{api, api_error_message};
use leptos::html::Button as ButtonEl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::visits::{Booking, BookingStatus};

use crate::endpoints;
use crate::labels;

/// Where a cancellation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cancel {
    Idle,
    Confirming,
    Sending,
}

/// A visit; `cancellable` adds the "Annuler" button, `on_cancelled` runs once the API agreed.
#[component]
pub fn BookingCard(
    booking: Booking,
    #[prop(optional)] cancellable: bool,
    #[prop(optional, into)] on_cancelled: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Booking {
        id,
        establishment_name,
        detainee_name,
        room_name,
        room_kind,
        starts_at,
        status,
        companions,
        cancel_reason,
        ..
    } = booking;
    let step = RwSignal::new(Cancel::Idle);
    let error = RwSignal::new(None::<String>);
    let yes = NodeRef::<ButtonEl>::new();
    let open = NodeRef::<ButtonEl>::new();
    // Keyboard and screen-reader users land on the question's answer, then back on "Annuler".
    Effect::new(move |_| {
        let target = match step.get() {
            Cancel::Confirming => yes.get(),
            _ => None,
        };
        if let Some(button) = target {
            let _ = button.focus();
        }
    });
    let confirm = move |_| {
        let id = id.clone();
        step.set(Cancel::Sending);
        error.set(None);
        spawn_local(async move {
            match api::delete(&endpoints::booking(&id)).await {
                Ok(()) => {
                    step.try_set(Cancel::Idle);
                    if let Some(cb) = on_cancelled {
                        cb.run(());
                    }
                }
                Err(e) => {
                    step.try_set(Cancel::Idle);
                    error.try_set(Some(api_error_message(i18n, &e)));
                }
            }
        });
    };
    let status_badge = move || {
        labels::booking_status(i18n, status).map(|label| {
            let class = if status == BookingStatus::Cancelled {
                "fr-badge fr-badge--error"
            } else {
                "fr-badge"
            };
            view! {
                <p class="fr-mb-1w">
                    <span class=class>{label}</span>
                </p>
            }
        })
    };
    let reason = (status == BookingStatus::Cancelled)
        .then_some(cancel_reason)
        .flatten()
        .map(|r| view! { <p class="fr-mb-1w">{t_string!(i18n, public.reason, reason = r).to_string()}</p> });
    let party = if companions.is_empty() {
        t_string!(i18n, public.alone).to_string()
    } else {
        let names: Vec<String> = companions
            .iter()
            .map(|c| format!("{} {}", c.first_name, c.last_name))
            .collect();
        format!(
            "{} : {}",
            t_string!(i18n, public.companions_label),
            names.join(", ")
        )
    };
    let actions = move || {
        if !cancellable {
            return None;
        }
        Some(match step.get() {
            Cancel::Idle => view! {
                <Button kind=ButtonKind::Secondary plain=true node_ref=open on_click=move |_| step.set(Cancel::Confirming)>
                    {t!(i18n, public.cancel)}
                </Button>
            }
            .into_any(),
            Cancel::Confirming | Cancel::Sending => {
                let confirm = confirm.clone();
                view! {
                    <p class="fr-mb-1w fr-text--bold">{t!(i18n, public.cancel_confirm)}</p>
                    <div class="ned-actions">
                        <Button
                            plain=true
                            node_ref=yes
                            disabled=Signal::derive(move || step.get() == Cancel::Sending)
                            on_click=confirm
                        >
                            {t!(i18n, public.cancel_yes)}
                        </Button>
                        <Button
                            kind=ButtonKind::Secondary
                            plain=true
                            on_click=move |_| step.set(Cancel::Idle)
                        >
                            {t!(i18n, public.cancel_no)}
                        </Button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <li class="fr-mb-3w fr-p-2w ned-card">
            <h3 class="fr-h6 fr-mb-1w">
                {move || format_visit_date_time(i18n, starts_at)}
            </h3>
            {status_badge}
            <p class="fr-mb-1w">
                {move || t_string!(i18n, public.visit_with, name = detainee_name.clone()).to_string()}
            </p>
            <p class="fr-mb-1w">
                {move || format!("{}, {}", labels::room(i18n, room_kind, &room_name), establishment_name)}
            </p>
            <p class="fr-mb-1w">{party}</p>
            {reason}
            <ErrorAlert message=error />
            {actions}
        </li>
    }
}
