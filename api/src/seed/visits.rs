//! Demo visits: rooms, weekly slot templates, four weeks of slots, practical information, and
//! Marie Martin linked to Karim Benali with a permit (and one for her sister, a companion).

use shared_types::date::Date;
use sqlx::Row;

use crate::db::{Tx, new_id, now};
use crate::error::ApiResult;
use crate::visits::setup::generate_slots;
use crate::visits::week::paris_date;

/// (name, kind, capacity) of each demo room.
const ROOMS: [(&str, &str, i64); 3] = [
    ("Parloir 1", "standard", 8),
    ("Parloir hygiaphone", "separated", 2),
    ("Salon familial", "family_room", 2),
];
/// Visits Tuesday to Saturday at these times (minutes after midnight), one hour each.
const STARTS: [i64; 4] = [9 * 60, 10 * 60 + 30, 14 * 60, 15 * 60 + 30];

/// Seeds the visits of one establishment.
pub async fn seed_establishment(tx: &mut Tx, establishment_id: &str, city: &str) -> ApiResult<()> {
    let at = now();
    for (name, kind, capacity) in ROOMS {
        let room = new_id();
        sqlx::query(
            "INSERT INTO visit_rooms (id, establishment_id, name, kind, capacity, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&room)
        .bind(establishment_id)
        .bind(name)
        .bind(kind)
        .bind(capacity)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        for weekday in 2..=6 {
            for start in STARTS {
                sqlx::query(
                    "INSERT INTO slot_templates (id, establishment_id, room_id, weekday, start_minute, \
                     duration_minutes, valid_from, created_at) VALUES ($1, $2, $3, $4, $5, 60, '2026-01-01', $6)",
                )
                .bind(new_id())
                .bind(establishment_id)
                .bind(&room)
                .bind(weekday)
                .bind(start)
                .bind(at)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    generate_slots(tx, establishment_id, paris_date(at), 35).await?;
    sqlx::query(
        "INSERT INTO establishment_visit_info (establishment_id, address, phone, opening_hours, access, \
         what_to_bring, accessibility, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(establishment_id)
    .bind(format!("1 chemin des Parloirs, 00000 {city}"))
    .bind("01 23 45 67 89")
    .bind("Parloirs du mardi au samedi : 9 h, 10 h 30, 14 h et 15 h 30. Arrivez 30 minutes avant l'heure.")
    .bind("Bus 12, arrêt « Établissement pénitentiaire ». Parking visiteurs gratuit devant l'accueil.")
    .bind(
        "Une pièce d'identité en cours de validité pour chaque adulte, le livret de famille pour les \
         enfants. Le linge se dépose à l'accueil dans un sac au nom de la personne détenue.",
    )
    .bind("Accès de plain-pied. Prévenez l'accueil si vous venez en fauteuil roulant ou avec une poussette.")
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Links the demo visitor to detainee `10001` of `establishment_id`, with permits.
pub async fn link_demo_visitor(tx: &mut Tx, establishment_id: &str) -> ApiResult<()> {
    let visitor: String = sqlx::query("SELECT id FROM visitors WHERE email = $1")
        .bind(super::demo::VISITOR_EMAIL)
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?;
    let detainee: String = sqlx::query(
        "SELECT id FROM detainees WHERE establishment_id = $1 AND registration_number = '10001'",
    )
    .bind(establishment_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    let at = now();
    let from = Date {
        year: 2026,
        month: 1,
        day: 1,
    }
    .to_string();
    let permit = new_id();
    for (id, holder, first, birth, number) in [
        (
            permit.as_str(),
            Some(visitor.as_str()),
            "Marie",
            "1975-04-18",
            "PV-2026-0001",
        ),
        (&new_id(), None, "Sofia", "1979-11-02", "PV-2026-0002"),
    ] {
        sqlx::query(
            "INSERT INTO visit_permits (id, establishment_id, detainee_id, visitor_id, number, issuer, \
             holder_first_name, holder_last_name, holder_birth_date, valid_from, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'judge', $6, 'Martin', $7, $8, $9)",
        )
        .bind(id)
        .bind(establishment_id)
        .bind(&detainee)
        .bind(holder)
        .bind(number)
        .bind(first)
        .bind(birth)
        .bind(&from)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO link_requests (id, establishment_id, visitor_id, detainee_first_name, detainee_last_name, \
         detainee_birth_date, permit_number, status, detainee_id, permit_id, decided_at, created_at) \
         VALUES ($1, $2, $3, 'Karim', 'Benali', '1965-01-01', 'PV-2026-0001', 'approved', $4, $5, $6, $6)",
    )
    .bind(new_id())
    .bind(establishment_id)
    .bind(&visitor)
    .bind(&detainee)
    .bind(&permit)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
