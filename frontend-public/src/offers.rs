//! Waiting-list places offered to the visitor: "Une place s'est libérée", to accept in time.

use frontend_kit::components::{Button, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::format_visit_date_time;
use frontend_kit::{ApiError, FormState, api, api_error_message};
use leptos::prelude::*;
use shared_types::visit_links::{AcceptOffer, WaitlistEntry, WaitlistStatus};
use shared_types::visits::Booking;

use crate::endpoints;

/// Offered places first, prominently; plain waiting entries after.
#[component]
pub fn Offers(
    entries: LocalResource<Result<Vec<WaitlistEntry>, ApiError>>,
    /// Runs with the booking once an offer is accepted.
    on_accepted: Callback<Booking>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(Ok(all)) = entries.get() else {
            return ().into_any();
        };
        let offered: Vec<WaitlistEntry> = all
            .iter()
            .filter(|e| e.status == WaitlistStatus::Offered)
            .cloned()
            .collect();
        let waiting: Vec<WaitlistEntry> = all
            .into_iter()
            .filter(|e| e.status == WaitlistStatus::Waiting)
            .collect();
        let waiting_view = (!waiting.is_empty()).then(|| {
            view! {
                <h2 class="fr-h4 fr-mt-4w">{t!(i18n, public.waiting_title)}</h2>
                <ul>
                    {waiting
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    {move || format!(
                                        "{}, {} — {}",
                                        format_visit_date_time(i18n, e.starts_at),
                                        e.room_name,
                                        t_string!(i18n, public.waiting_entry),
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        });
        view! {
            {offered
                .into_iter()
                .map(|e| view! { <OfferCard entry=e on_accepted=on_accepted /> })
                .collect_view()}
            {waiting_view}
        }
        .into_any()
    }
}

#[component]
fn OfferCard(entry: WaitlistEntry, on_accepted: Callback<Booking>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    // One key per offer shown: a double tap or a retry takes the place only once.
    let key = StoredValue::new(uuid::Uuid::new_v4().to_string());
    let id = entry.id.clone();
    let accept = move |_| {
        let path = endpoints::accept_offer(&id);
        let body = AcceptOffer {
            companions: Vec::new(),
            idempotency_key: key.get_value(),
        };
        form.submit(
            Ok(()),
            move || async move { api::post::<_, Booking>(&path, &body).await },
            move |booking| on_accepted.run(booking),
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let starts_at = entry.starts_at;
    let deadline = entry.offer_expires_at;
    let room = entry.room_name;
    view! {
        <div class="fr-callout fr-mb-3w" role="region" aria-labelledby=format!("offer-{}", entry.id)>
            <h2 class="fr-callout__title" id=format!("offer-{}", entry.id)>
                {t!(i18n, public.offer_title)}
            </h2>
            <p class="fr-callout__text">
                {move || format!("{}, {}", format_visit_date_time(i18n, starts_at), room)}
            </p>
            {deadline
                .map(|at| {
                    view! {
                        <p class="fr-text--bold">
                            {move || {
                                t_string!(i18n, public.offer_text, deadline = format_visit_date_time(i18n, at))
                                    .to_string()
                            }}
                        </p>
                    }
                })}
            <ErrorAlert message=alert />
            <Button plain=true large=true disabled=form.pending on_click=accept>
                {t!(i18n, public.accept_offer)}
            </Button>
        </div>
    }
}
