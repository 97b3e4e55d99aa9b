//! Messages to visitors about their visits, written to the outbox in the same transaction as
//! the change they announce (so both happen, or neither).

use sqlx::Row;

use crate::db::{Tx, now};
use crate::error::ApiResult;
use crate::outbox::{self, Attachment, Channel, MessageKind, NewMessage, ics};
use crate::visits::week::french_date_time;

struct Visit {
    establishment_id: String,
    email: String,
    establishment: String,
    detainee: String,
    room: String,
    starts_at: i64,
    ends_at: i64,
}

async fn visit(tx: &mut Tx, booking_id: &str) -> ApiResult<Visit> {
    let r = sqlx::query(
        "SELECT b.establishment_id, b.starts_at, b.ends_at, v.email, e.name AS establishment, \
         d.first_name, d.last_name, r.name AS room FROM visit_bookings b \
         JOIN visitors v ON v.id = b.visitor_id JOIN establishments e ON e.id = b.establishment_id \
         JOIN detainees d ON d.id = b.detainee_id JOIN visit_slots s ON s.id = b.slot_id \
         JOIN visit_rooms r ON r.id = s.room_id WHERE b.id = $1",
    )
    .bind(booking_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Visit {
        establishment_id: r.try_get("establishment_id")?,
        email: r.try_get("email")?,
        establishment: r.try_get("establishment")?,
        detainee: format!(
            "{} {}",
            r.try_get::<String, _>("first_name")?,
            r.try_get::<String, _>("last_name")?
        ),
        room: r.try_get("room")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
    })
}

fn calendar(booking_id: &str, v: &Visit, sequence: i64, cancelled: bool) -> String {
    let summary = format!("Parloir — {}", v.detainee);
    let description = format!(
        "Visite à {} ({}). Venez avec une pièce d'identité.",
        v.detainee, v.room
    );
    ics::visit_event(&ics::VisitEvent {
        uid: booking_id,
        sequence,
        stamp: now(),
        start: v.starts_at,
        end: v.ends_at,
        summary: &summary,
        location: &v.establishment,
        description: &description,
        cancelled,
    })
}

/// The confirmation of a new booking, with its calendar file.
pub async fn booking_confirmed(tx: &mut Tx, booking_id: &str) -> ApiResult<()> {
    let v = visit(tx, booking_id).await?;
    let when = french_date_time(v.starts_at);
    let subject = format!("Visite confirmée le {when}");
    let body = format!(
        "Bonjour,\n\nVotre visite à {} est confirmée :\n- le {when}\n- à {} ({})\n\n\
         Présentez-vous 30 minutes avant avec une pièce d'identité pour chaque adulte.\n\
         Vous pouvez modifier ou annuler cette visite depuis votre espace.\n",
        v.detainee, v.establishment, v.room
    );
    let ics = calendar(booking_id, &v, 0, false);
    let key = format!("booking_confirmed:{booking_id}");
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: Some(&v.establishment_id),
            channel: Channel::Email,
            recipient: &v.email,
            kind: MessageKind::BookingConfirmed,
            subject: &subject,
            body: &body,
            attachment: Some(Attachment {
                name: "parloir.ics",
                content: &ics,
            }),
            dedupe_key: Some(&key),
        },
    )
    .await
}

/// The notice of a cancelled booking, with the reason when staff cancelled it.
pub async fn booking_cancelled(
    tx: &mut Tx,
    booking_id: &str,
    reason: Option<&str>,
) -> ApiResult<()> {
    let v = visit(tx, booking_id).await?;
    let when = french_date_time(v.starts_at);
    let subject = format!("Visite du {when} annulée");
    let why = match reason {
        Some(r) => format!("L'établissement a annulé cette visite. Motif : {r}\n"),
        None => "Vous avez annulé cette visite.\n".to_owned(),
    };
    let body = format!(
        "Bonjour,\n\nVotre visite à {} du {when} ({}) est annulée.\n{why}\n\
         Vous pouvez réserver un autre créneau depuis votre espace.\n",
        v.detainee, v.establishment
    );
    let ics = calendar(booking_id, &v, 1, true);
    let key = format!("booking_cancelled:{booking_id}");
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: Some(&v.establishment_id),
            channel: Channel::Email,
            recipient: &v.email,
            kind: MessageKind::BookingCancelled,
            subject: &subject,
            body: &body,
            attachment: Some(Attachment {
                name: "parloir.ics",
                content: &ics,
            }),
            dedupe_key: Some(&key),
        },
    )
    .await
}

/// The offer of a freed place to a visitor on the waiting list.
pub async fn waitlist_offer(tx: &mut Tx, entry_id: &str) -> ApiResult<()> {
    let r = sqlx::query(
        "SELECT w.establishment_id, w.offer_expires_at, s.starts_at, v.email, e.name AS establishment \
         FROM waiting_list w JOIN visit_slots s ON s.id = w.slot_id JOIN visitors v ON v.id = w.visitor_id \
         JOIN establishments e ON e.id = w.establishment_id WHERE w.id = $1",
    )
    .bind(entry_id)
    .fetch_one(&mut **tx)
    .await?;
    let establishment_id: String = r.try_get("establishment_id")?;
    let email: String = r.try_get("email")?;
    let when = french_date_time(r.try_get("starts_at")?);
    let until = french_date_time(
        r.try_get::<Option<i64>, _>("offer_expires_at")?
            .unwrap_or_default(),
    );
    let subject = format!("Une place s'est libérée le {when}");
    let body = format!(
        "Bonjour,\n\nUne place s'est libérée pour la visite du {when} à {}.\n\
         Elle vous est réservée jusqu'au {until}. Confirmez-la depuis votre espace ; \
         passé ce délai, elle sera proposée à la personne suivante.\n",
        r.try_get::<String, _>("establishment")?
    );
    let key = format!("waitlist_offer:{entry_id}");
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: Some(&establishment_id),
            channel: Channel::Email,
            recipient: &email,
            kind: MessageKind::WaitlistOffer,
            subject: &subject,
            body: &body,
            attachment: None,
            dedupe_key: Some(&key),
        },
    )
    .await
}

/// The end of a waiting-list entry because the establishment closed its slot. (The outbox has no
/// kind of its own for it yet: it goes as a cancellation notice, without a calendar file.)
pub async fn waitlist_closed(tx: &mut Tx, entry_id: &str, reason: &str) -> ApiResult<()> {
    let r = sqlx::query(
        "SELECT w.establishment_id, s.starts_at, v.email, e.name AS establishment \
         FROM waiting_list w JOIN visit_slots s ON s.id = w.slot_id JOIN visitors v ON v.id = w.visitor_id \
         JOIN establishments e ON e.id = w.establishment_id WHERE w.id = $1",
    )
    .bind(entry_id)
    .fetch_one(&mut **tx)
    .await?;
    let establishment_id: String = r.try_get("establishment_id")?;
    let email: String = r.try_get("email")?;
    let when = french_date_time(r.try_get("starts_at")?);
    let subject = format!("Créneau du {when} fermé : liste d'attente terminée");
    let body = format!(
        "Bonjour,\n\nL'établissement {} a fermé le créneau de visite du {when}. \
         Motif : {reason}\n\nVous étiez sur sa liste d'attente : cette inscription est terminée. \
         Vous pouvez réserver un autre créneau depuis votre espace.\n",
        r.try_get::<String, _>("establishment")?
    );
    let key = format!("waitlist_closed:{entry_id}");
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: Some(&establishment_id),
            channel: Channel::Email,
            recipient: &email,
            kind: MessageKind::BookingCancelled,
            subject: &subject,
            body: &body,
            attachment: None,
            dedupe_key: Some(&key),
        },
    )
    .await
}

/// The reminder the day before a visit.
pub async fn visit_reminder(tx: &mut Tx, booking_id: &str) -> ApiResult<()> {
    let v = visit(tx, booking_id).await?;
    let when = french_date_time(v.starts_at);
    let subject = format!("Rappel : visite demain, {when}");
    let body = format!(
        "Bonjour,\n\nRappel : vous rendez visite à {} le {when} à {} ({}).\n\
         Présentez-vous 30 minutes avant avec une pièce d'identité pour chaque adulte.\n\
         Si vous ne pouvez pas venir, prévenez l'établissement.\n",
        v.detainee, v.establishment, v.room
    );
    let key = format!("visit_reminder:{booking_id}");
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: Some(&v.establishment_id),
            channel: Channel::Email,
            recipient: &v.email,
            kind: MessageKind::VisitReminder,
            subject: &subject,
            body: &body,
            attachment: None,
            dedupe_key: Some(&key),
        },
    )
    .await
}
