//! Booking a visit. One transaction: idempotency, link and permit, restrictions, party, then the
//! three limits, each a conditional write so concurrent requests cannot overshoot:
//! the detainee's week row (quota, and a lock that serialises their bookings so the overlap
//! check that follows cannot race), then the slot's `booked < capacity`.

use shared_types::date::Date;
use shared_types::people::LegalStatus;
use shared_types::refusals::visits::Visits;
use shared_types::visits::rules::{Actor, decide_booking_window};
use shared_types::visits::{NewBooking, PartyProblem, RoomKind, check_party};
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;

use super::rules::{window, window_message};
use crate::audit::{self, ActorKind, Event};
use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::visits::links::find_valid_permit;
use crate::visits::setup::load_rules;
use crate::visits::week::{paris_date, week_start};

/// Who is booking: the visitor themself, or an agent on their behalf (phone booking).
#[derive(Debug, Clone, Copy)]
pub struct Booker<'a> {
    pub visitor_id: &'a str,
    pub agent_id: Option<&'a str>,
    pub ip: Option<&'a str>,
    /// The waiting-list entry whose held place this booking takes, instead of a free one.
    pub held_offer: Option<&'a str>,
}

/// Books `form` and returns the booking id and whether it was created now (false: an earlier
/// request with the same idempotency key already made it).
pub async fn book(tx: &mut Tx, booker: Booker<'_>, form: &NewBooking) -> ApiResult<(String, bool)> {
    form.validate_on(paris_date(now()))?;
    if let Some(id) = existing(tx, booker.visitor_id, &form.idempotency_key).await? {
        return Ok((id, false));
    }
    let link = sqlx::query(
        "SELECT establishment_id, detainee_id, permit_id, status FROM link_requests \
         WHERE id = $1 AND visitor_id = $2",
    )
    .bind(&form.link_id)
    .bind(booker.visitor_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| invalid("link_id", "Ce lien avec une personne détenue n'existe pas."))?;
    if link.try_get::<String, _>("status")? != "approved" {
        return Err(refused(
            Visits::LinkNotApproved,
            "Votre demande de lien n'a pas encore été acceptée par l'établissement.",
        ));
    }
    let establishment_id: String = link.try_get("establishment_id")?;
    let detainee_id: String = link.try_get("detainee_id")?;
    let permit_id: String = link.try_get("permit_id")?;

    let slot = sqlx::query(
        "SELECT s.starts_at, s.ends_at, s.blocked_at, r.kind FROM visit_slots s \
         JOIN visit_rooms r ON r.id = s.room_id WHERE s.id = $1 AND s.establishment_id = $2",
    )
    .bind(&form.slot_id)
    .bind(&establishment_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| invalid("slot_id", "Ce créneau n'existe pas pour cet établissement."))?;
    let starts_at: i64 = slot.try_get("starts_at")?;
    let ends_at: i64 = slot.try_get("ends_at")?;
    if slot.try_get::<Option<i64>, _>("blocked_at")?.is_some() {
        return Err(refused(
            Visits::SlotClosed,
            "Ce créneau est fermé par l'établissement.",
        ));
    }
    let room_kind = RoomKind::from_code(&slot.try_get::<String, _>("kind")?);
    let rules = load_rules(&mut **tx, &establishment_id).await?;
    // Staff booking for a visitor who phoned may still book inside the deadline, not after.
    let actor = match booker.agent_id {
        Some(_) => Actor::Staff,
        None => Actor::Visitor,
    };
    if let Err(refusal) = decide_booking_window(&rules, now(), starts_at, actor) {
        let message = match refusal {
            Visits::SlotPast => "Ce créneau est passé.".to_string(),
            _ => window_message(&rules, window(&rules, now(), starts_at)),
        };
        return Err(refused(refusal, &message));
    }
    let day = paris_date(starts_at);

    let permit = sqlx::query(
        "SELECT number, holder_birth_date FROM visit_permits WHERE id = $1 AND detainee_id = $2",
    )
    .bind(&permit_id)
    .bind(&detainee_id)
    .fetch_one(&mut **tx)
    .await?;
    let own_number: String = permit.try_get("number")?;
    let own_birth: String = permit.try_get("holder_birth_date")?;
    if find_valid_permit(
        tx,
        &establishment_id,
        &detainee_id,
        &own_number,
        &own_birth,
        day,
    )
    .await?
    .is_none()
    {
        return Err(refused(
            Visits::NoPermit,
            "Votre permis de visite n'est pas valide à cette date, ou il est suspendu.",
        ));
    }
    let companion_permits =
        check_companions(tx, &establishment_id, &detainee_id, form, day, &own_number).await?;
    // The booking visitor's age: the youngest of the birth date on their permit and the one
    // on their account, so neither can be used to pass a minor off as an adult.
    let account_birth: Option<String> =
        sqlx::query("SELECT birth_date FROM visitors WHERE id = $1")
            .bind(booker.visitor_id)
            .fetch_one(&mut **tx)
            .await?
            .try_get("birth_date")?;
    let booker_birth = [Some(own_birth.as_str()), account_birth.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(Date::parse)
        .max()
        .ok_or_else(|| ApiError::Internal("permit holder birth date".into()))?;
    match check_party(&rules, booker_birth, &form.companions, day) {
        Ok(()) => {}
        Err(PartyProblem::MinorAlone) => {
            return Err(refused(
                Visits::MinorAlone,
                "Une personne mineure ne peut pas réserver de visite : la réservation doit \
                 être faite par un adulte titulaire d'un permis, qui l'accompagne.",
            ));
        }
        Err(PartyProblem::TooManyAdults) => {
            return Err(invalid(
                "companions",
                &format!(
                    "{} adultes au plus par visite, vous compris.",
                    rules.max_adults
                ),
            ));
        }
        Err(PartyProblem::TooManyPeople) => {
            return Err(invalid(
                "companions",
                &format!(
                    "{} personnes au plus par visite, enfants compris.",
                    rules.max_people
                ),
            ));
        }
    }
    check_restrictions(
        tx,
        &detainee_id,
        day,
        room_kind,
        &permit_id,
        &companion_permits,
    )
    .await?;

    let status: String = sqlx::query("SELECT legal_status FROM detainees WHERE id = $1")
        .bind(&detainee_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("legal_status")?;
    let status =
        LegalStatus::from_code(&status).ok_or_else(|| ApiError::Internal("legal status".into()))?;
    let week = week_start(starts_at);
    sqlx::query(
        "INSERT INTO detainee_visit_weeks (detainee_id, week_start, booked) VALUES ($1, $2, 0) \
         ON CONFLICT (detainee_id, week_start) DO NOTHING",
    )
    .bind(&detainee_id)
    .bind(&week)
    .execute(&mut **tx)
    .await?;
    let within_quota = sqlx::query(
        "UPDATE detainee_visit_weeks SET booked = booked + 1 \
         WHERE detainee_id = $1 AND week_start = $2 AND booked < $3",
    )
    .bind(&detainee_id)
    .bind(&week)
    .bind(i64::from(rules.weekly_quota(status)))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    // The week row is now locked by this transaction: a concurrent booking of the same detainee
    // waits here, so the checks below see every booking committed before ours.
    if let Some(id) = existing(tx, booker.visitor_id, &form.idempotency_key).await? {
        if within_quota == 1 {
            sqlx::query(
                "UPDATE detainee_visit_weeks SET booked = booked - 1 WHERE detainee_id = $1 AND week_start = $2",
            )
            .bind(&detainee_id)
            .bind(&week)
            .execute(&mut **tx)
            .await?;
        }
        return Ok((id, false));
    }
    if within_quota != 1 {
        return Err(refused(
            Visits::QuotaReached,
            &format!(
                "Cette personne a déjà {} visites prévues cette semaine, le maximum autorisé.",
                rules.weekly_quota(status)
            ),
        ));
    }
    if let Some(entry) = booker.held_offer {
        // The place was kept for this offer since it freed up: take it, if still ours. Claimed
        // before the overlap check, so a second tab accepting the same offer is told so.
        let taken = sqlx::query(
            "UPDATE waiting_list SET status = 'accepted' WHERE id = $1 AND visitor_id = $2 \
             AND slot_id = $3 AND status = 'offered' AND offer_expires_at > $4",
        )
        .bind(entry)
        .bind(booker.visitor_id)
        .bind(&form.slot_id)
        .bind(now())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if taken != 1 {
            return Err(refused(
                Visits::OfferExpired,
                "Cette proposition a expiré ou a déjà été utilisée.",
            ));
        }
    }
    let overlapping: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM visit_bookings WHERE detainee_id = $1 \
         AND status IN ('booked', 'checked_in') AND starts_at < $2 AND ends_at > $3",
    )
    .bind(&detainee_id)
    .bind(ends_at)
    .bind(starts_at)
    .fetch_one(&mut **tx)
    .await?
    .try_get("n")?;
    if overlapping > 0 {
        return Err(refused(
            Visits::Overlap,
            "Une autre visite est déjà prévue pour cette personne à ce moment-là.",
        ));
    }
    if booker.held_offer.is_none() {
        let place = sqlx::query(
            "UPDATE visit_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND blocked_at IS NULL",
        )
        .bind(&form.slot_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if place != 1 {
            // A closure that committed meanwhile, or the last place taken.
            let closed: Option<i64> =
                sqlx::query("SELECT blocked_at FROM visit_slots WHERE id = $1")
                    .bind(&form.slot_id)
                    .fetch_one(&mut **tx)
                    .await?
                    .try_get("blocked_at")?;
            if closed.is_some() {
                return Err(refused(
                    Visits::SlotClosed,
                    "Ce créneau est fermé par l'établissement.",
                ));
            }
            return Err(ApiError::conflict(
                Visits::SlotFull,
                "Ce créneau est complet. Vous pouvez vous inscrire sur la liste d'attente.",
            ));
        }
    }

    let id = new_id();
    sqlx::query(
        "INSERT INTO visit_bookings (id, establishment_id, slot_id, detainee_id, visitor_id, permit_id, \
         week_start, starts_at, ends_at, status, idempotency_key, booked_by_agent, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', $10, $11, $12)",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&form.slot_id)
    .bind(&detainee_id)
    .bind(booker.visitor_id)
    .bind(&permit_id)
    .bind(&week)
    .bind(starts_at)
    .bind(ends_at)
    .bind(form.idempotency_key.trim())
    .bind(booker.agent_id)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    for (i, c) in form.companions.iter().enumerate() {
        let minor = Date::parse(&c.birth_date)
            .is_some_and(|b| b.age_on(day) < shared_types::visits::ADULT_AGE);
        sqlx::query(
            "INSERT INTO booking_companions (booking_id, position, minor, first_name, last_name, birth_date, permit_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(i as i64)
        .bind(i64::from(minor))
        .bind(c.first_name.trim())
        .bind(c.last_name.trim())
        .bind(c.birth_date.trim())
        .bind(companion_permits.get(i).cloned().flatten())
        .execute(&mut **tx)
        .await?;
    }
    let (actor, actor_id) = match booker.agent_id {
        Some(agent) => (ActorKind::Agent, agent),
        None => (ActorKind::Visitor, booker.visitor_id),
    };
    audit::record(
        tx,
        Event::new(actor, Some(actor_id), "visit_booking.booked", booker.ip)
            .establishment(&establishment_id)
            .target(&id),
    )
    .await?;
    crate::visits::messages::booking_confirmed(tx, &id).await?;
    Ok((id, true))
}

async fn existing(tx: &mut Tx, visitor_id: &str, key: &str) -> ApiResult<Option<String>> {
    Ok(
        sqlx::query("SELECT id FROM visit_bookings WHERE visitor_id = $1 AND idempotency_key = $2")
            .bind(visitor_id)
            .bind(key.trim())
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
    )
}

/// Every adult companion needs their own valid permit for this detainee; minors need none.
/// Returns each companion's permit id (None for minors), by position.
async fn check_companions(
    tx: &mut Tx,
    establishment_id: &str,
    detainee_id: &str,
    form: &NewBooking,
    day: Date,
    own_number: &str,
) -> ApiResult<Vec<Option<String>>> {
    let mut permits = Vec::with_capacity(form.companions.len());
    let mut errors = Vec::new();
    for (i, c) in form.companions.iter().enumerate() {
        let adult = Date::parse(&c.birth_date)
            .is_some_and(|b| b.age_on(day) >= shared_types::visits::ADULT_AGE);
        if !adult {
            permits.push(None);
            continue;
        }
        let field = format!("companions[{i}].permit_number");
        let number = c
            .permit_number
            .as_deref()
            .map(str::trim)
            .unwrap_or_default();
        let found = if number.is_empty() || number == own_number {
            None
        } else {
            find_valid_permit(
                tx,
                establishment_id,
                detainee_id,
                number,
                &c.birth_date,
                day,
            )
            .await?
        };
        match found {
            Some(p) if !permits.contains(&Some(p.id.clone())) => permits.push(Some(p.id)),
            _ => {
                errors.push(FieldError {
                    field,
                    code: ErrorCode::InvalidFormat,
                    message: format!(
                        "{} {} doit avoir son propre permis de visite valide pour cette personne \
                         (numéro et date de naissance).",
                        c.first_name.trim(),
                        c.last_name.trim()
                    ),
                });
                permits.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(permits)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Staff restrictions: separated visits only, or a banned visitor (by permit).
async fn check_restrictions(
    tx: &mut Tx,
    detainee_id: &str,
    day: Date,
    room_kind: Option<RoomKind>,
    permit_id: &str,
    companion_permits: &[Option<String>],
) -> ApiResult<()> {
    let rows = sqlx::query(
        "SELECT kind, permit_id, valid_until FROM visit_restrictions \
         WHERE detainee_id = $1 AND lifted_at IS NULL",
    )
    .bind(detainee_id)
    .fetch_all(&mut **tx)
    .await?;
    for r in rows {
        let until: Option<String> = r.try_get("valid_until")?;
        if until.and_then(|u| Date::parse(&u)).is_some_and(|u| u < day) {
            continue;
        }
        let kind: String = r.try_get("kind")?;
        let banned: Option<String> = r.try_get("permit_id")?;
        match kind.as_str() {
            "separated_only" if room_kind != Some(RoomKind::Separated) => {
                return Err(refused(
                    Visits::Restricted,
                    "Les visites de cette personne ont lieu uniquement en parloir séparé (hygiaphone). Choisissez un créneau de ce type.",
                ));
            }
            "visitor_banned" if banned.as_deref() == Some(permit_id) => {
                return Err(refused(
                    Visits::Restricted,
                    "Vous ne pouvez pas rendre visite à cette personne pour le moment.",
                ));
            }
            "visitor_banned"
                if banned.is_some()
                    && companion_permits
                        .iter()
                        .any(|p| p.as_deref() == banned.as_deref()) =>
            {
                return Err(refused(
                    Visits::Restricted,
                    "Une des personnes qui vous accompagnent ne peut pas rendre visite à cette personne pour le moment.",
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: field.into(),
        code: ErrorCode::InvalidFormat,
        message: message.into(),
    }])
}

fn refused(refusal: Visits, message: &str) -> ApiError {
    ApiError::conflict(refusal, message)
}
