//! What the detainee can still do with a placed order: change it, or cancel it (asked first).

use frontend_kit::components::{Button, ButtonKind, ConfirmButton, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{Session, api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::orders::{Order, OrderPlaced};

use crate::endpoints;

/// "Changer la commande" and "Annuler la commande" (asked first), while the order is placed.
#[component]
pub fn PlacedActions(
    order: RwSignal<Order>,
    editing: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::<DetaineeMe>::expect();
    let cancelling = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let cancel = move |()| {
        if cancelling.get_untracked() {
            return;
        }
        let id = order.with_untracked(|o| o.id.clone());
        cancelling.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::post_empty::<OrderPlaced>(&endpoints::cancel_order(&id)).await;
            cancelling.try_set(false);
            match result {
                Ok(placed) => {
                    order.try_set(placed.order);
                    notice.try_set(Some(t_string!(i18n, detainee.orders.cancelled).to_string()));
                }
                Err(e) if e.is_unauthorized() => session.ended(),
                Err(e) => {
                    error.try_set(Some(api_error_message(i18n, &e)));
                }
            }
        });
    };
    view! {
        <ErrorAlert message=error />
        <div class="ned-actions">
            <Button
                kind=ButtonKind::Primary
                plain=true
                large=true
                on_click=move |_| {
                    notice.set(None);
                    editing.set(true);
                }
            >
                <span class="fr-icon-edit-line fr-mr-1w" aria-hidden="true"></span>
                {t!(i18n, detainee.orders.change)}
            </Button>
            <ConfirmButton
                label=move || t_string!(i18n, detainee.orders.cancel)
                question=move || t_string!(i18n, detainee.orders.cancel_question)
                yes=move || t_string!(i18n, detainee.orders.cancel_yes)
                no=move || t_string!(i18n, detainee.orders.cancel_no)
                pending=cancelling
                on_confirm=cancel
                large=true
            />
        </div>
    }
}
