//! One visit on the day list: who comes, for whom, where it stands, and the desk's actions
//! (arrived, did not come, cancel with a reason), the row updated in place.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::prelude::*;
use serde::Serialize;
use shared_types::visit_desk::DeskBooking;
use shared_types::visits::BookingStatus;

use crate::confirm::ConfirmPanel;
use crate::reason_form::ReasonForm;
use crate::visit_labels::booking_status;
use crate::visits_page::establishment_path;

/// Columns of the day list's table, for rows that span them.
pub const COLUMNS: u32 = 6;

/// Check-in and no-show take no body.
#[derive(Serialize)]
struct Empty {}

/// The booking's rows: its line, and below it the cancel form while open.
#[component]
pub fn DeskRow(establishment: String, time: Signal<String>, booking: DeskBooking) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(booking.status);
    let cancelling = RwSignal::new(false);
    let asking_absent = RwSignal::new(false);
    let form = FormState::new();
    let base = StoredValue::new(establishment_path(
        &establishment,
        &format!("bookings/{}", booking.id),
    ));
    let visitor = StoredValue::new(booking.visitor_name.clone());
    let mark = move |action: &'static str, to: BookingStatus| {
        let path = format!("{}/{action}", base.get_value());
        form.submit(
            Ok(()),
            move || async move { api::post_no_answer(&path, &Empty {}).await },
            move |()| {
                status.try_set(to);
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let booked = move || status.get() == BookingStatus::Booked;
    let actions = move || {
        booked().then(|| {
            view! {
                <div class="ned-actions fr-mt-0">
                    <Button small=true plain=true disabled=form.pending
                        on_click=move |_| mark("check-in", BookingStatus::CheckedIn)
                        aria_label=move || t_string!(i18n, agent.desk.check_in_label, visitor = visitor.get_value()).to_string()>
                        {t!(i18n, agent.desk.check_in)}
                    </Button>
                    <Button small=true plain=true kind=ButtonKind::Secondary disabled=form.pending
                        on_click=move |_| asking_absent.set(true)
                        aria_label=move || t_string!(i18n, agent.desk.no_show_label, visitor = visitor.get_value()).to_string()>
                        {t!(i18n, agent.desk.no_show)}
                    </Button>
                    <Button small=true plain=true kind=ButtonKind::Tertiary
                        on_click=move |_| cancelling.update(|c| *c = !*c)
                        aria_label=move || t_string!(i18n, agent.desk.cancel_visit_label, visitor = visitor.get_value()).to_string()>
                        {t!(i18n, agent.desk.cancel_visit)}
                    </Button>
                </div>
            }
        })
    };
    let confirm_absent = move || {
        t_string!(
            i18n,
            agent.desk.confirm_no_show,
            visitor = visitor.get_value()
        )
        .to_string()
    };
    let no_show = move |()| mark("no-show", BookingStatus::NoShow);
    let cancel_form = move || {
        (cancelling.get() && booked()).then(|| {
            view! {
                <tr class="ned-no-print">
                    <td colspan=COLUMNS>
                        <ReasonForm
                            id=format!("cancel-reason-{}", booking.id)
                            path=format!("{}/cancel", base.get_value())
                            label=move || t_string!(i18n, agent.desk.cancel_reason)
                            hint=move || t_string!(i18n, agent.desk.cancel_reason_hint)
                            submit=move || t_string!(i18n, agent.desk.cancel_visit)
                            confirm=move || t_string!(i18n, agent.desk.confirm_cancel)
                            on_done=move |()| {
                                status.set(BookingStatus::Cancelled);
                                cancelling.set(false);
                            }
                        />
                    </td>
                </tr>
            }
        })
    };
    let companions = if booking.companions.is_empty() {
        t_string!(i18n, agent.desk.no_companion).to_string()
    } else {
        booking.companions.join(", ")
    };
    let detainee = format!(
        "{} — {}",
        booking.detainee_name, booking.registration_number
    );
    let by_staff = booking.booked_by_staff.then(|| {
        view! { <span class="fr-hint-text">{t!(i18n, agent.desk.booked_by_staff)}</span> }
    });
    view! {
        <tr>
            <td>{time}</td>
            <td>
                {booking.visitor_name.clone()}
                {booking.visitor_phone.clone().map(|p| view! { <span class="fr-hint-text">{p}</span> })}
            </td>
            <td>{companions}</td>
            <td>
                {detainee}
                <span class="fr-hint-text">{booking.cell.clone()}</span>
            </td>
            <td>
                <span class="fr-text--bold">{move || booking_status(i18n, status.get())}</span>
                {by_staff}
            </td>
            <td class="ned-no-print">
                <ErrorAlert message=alert />
                {actions}
                <ConfirmPanel asking=asking_absent message=confirm_absent on_confirm=no_show />
            </td>
        </tr>
        {cancel_form}
    }
}
