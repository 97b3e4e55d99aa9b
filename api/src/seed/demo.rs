//! The demo world: two establishments of different kinds, a few hundred detainees with cells,
//! a visitor, one agent per role and a demo terminal per establishment. Sign-ins are listed in
//! README.md and printed by `cargo xtask run`.

use shared_types::establishment::{EstablishmentKind, Management};
use shared_types::fleet::TerminalStatusKind;
use shared_types::people::LegalStatus;
use shared_types::roles::{Role, Service};
use shared_types::validation::normalise_code;
use sqlx::Row;

use super::names::{FIRST_NAMES, LAST_NAMES};
use crate::audit::{self, ActorKind, Event};
use crate::auth::{password, tokens};
use crate::db::{Db, Tx, new_id, now};
use crate::error::ApiResult;

/// Password of every demo agent.
pub const AGENT_PASSWORD: &str = "Agent-Demo-2026";
/// The demo visitor.
pub const VISITOR_EMAIL: &str = "marie.martin@example.fr";
/// The demo visitor's password.
pub const VISITOR_PASSWORD: &str = "Parloir-Demo-2026";
/// PIN of every demo detainee.
pub const DETAINEE_PIN: &str = "2468";

struct Site {
    code: &'static str,
    name: &'static str,
    kind: EstablishmentKind,
    management: Management,
    city: &'static str,
    first_number: u32,
    detainees: u32,
    legal_status: LegalStatus,
    terminal_code: &'static str,
}

const SITES: [Site; 2] = [
    Site {
        code: "valmont",
        name: "Maison d'arrêt de Valmont",
        kind: EstablishmentKind::RemandPrison,
        management: Management::Public,
        city: "Valmont",
        first_number: 10001,
        detainees: 180,
        legal_status: LegalStatus::Remand,
        terminal_code: "VALMONT-DEMO",
    },
    Site {
        code: "saint-aubin",
        name: "Centre de détention de Saint-Aubin",
        kind: EstablishmentKind::DetentionCentre,
        management: Management::Delegated,
        city: "Saint-Aubin",
        first_number: 20001,
        detainees: 150,
        legal_status: LegalStatus::Convicted,
        terminal_code: "STAUBIN-DEMO",
    },
];

/// Demo agents: login, display name, roles, establishment code (None: national).
const AGENTS: &[(&str, &str, &[Role], Option<&str>)] = &[
    (
        "admin.national",
        "Claire Fontaine",
        &[Role::NationalAdmin],
        None,
    ),
    (
        "admin.valmont",
        "Paul Lemoine",
        &[Role::EstablishmentAdmin],
        Some("valmont"),
    ),
    (
        "parloirs.valmont",
        "Sarah Benhamou",
        &[Role::VisitsOfficer],
        Some("valmont"),
    ),
    (
        "cantine.valmont",
        "Marc Durand",
        &[Role::CanteenManager, Role::RequestHandler(Service::Canteen)],
        Some("valmont"),
    ),
    (
        "comptes.valmont",
        "Nadia Cherif",
        &[Role::AccountsOfficer],
        Some("valmont"),
    ),
    (
        "greffe.valmont",
        "Luc Marchand",
        &[Role::RequestHandler(Service::Registry)],
        Some("valmont"),
    ),
    (
        "sante.valmont",
        "Dr Inès Roy",
        &[Role::HealthStaff],
        Some("valmont"),
    ),
    (
        "enseignant.valmont",
        "Hélène Petit",
        &[Role::Teacher],
        Some("valmont"),
    ),
    (
        "admin.saint-aubin",
        "Jean Moulin",
        &[Role::EstablishmentAdmin],
        Some("saint-aubin"),
    ),
];

/// Seeds the demo world unless the database already holds establishments. Returns whether it did.
pub async fn seed_if_empty(db: &Db) -> ApiResult<bool> {
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM establishments")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if count > 0 {
        return Ok(false);
    }
    // One hash per secret, shared by the demo accounts: hashing hundreds would take minutes.
    let agent_hash = password::hash(AGENT_PASSWORD.into()).await?;
    let visitor_hash = password::hash(VISITOR_PASSWORD.into()).await?;
    let pin_hash = password::hash(DETAINEE_PIN.into()).await?;
    let mut tx = db.begin().await?;
    let mut ids = Vec::new();
    for site in &SITES {
        let id = new_id();
        seed_site(&mut tx, &id, site, &pin_hash).await?;
        ids.push((site.code, id));
    }
    for (login, name, roles, site) in AGENTS {
        let establishment = site.and_then(|code| ids.iter().find(|(c, _)| *c == code));
        seed_agent(
            &mut tx,
            login,
            name,
            roles,
            establishment.map(|(_, id)| id.as_str()),
            &agent_hash,
        )
        .await?;
    }
    sqlx::query(
        "INSERT INTO visitors (id, email, password_hash, first_name, last_name, birth_date, \
         phone, email_confirmed_at, created_at) \
         VALUES ($1, $2, $3, 'Marie', 'Martin', '1975-04-18', '+33612345678', $4, $4)",
    )
    .bind(new_id())
    .bind(VISITOR_EMAIL)
    .bind(&visitor_hash)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    for (site, (_, id)) in SITES.iter().zip(&ids) {
        super::visits::seed_establishment(&mut tx, id, site.city).await?;
        super::canteen::seed_establishment(&mut tx, id).await?;
        let detainees: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM detainees WHERE establishment_id = $1 ORDER BY registration_number",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let requests = detainees.len() * 8 / 10;
        super::requests::seed_establishment(&mut tx, id, &detainees, requests).await?;
    }
    if let Some((_, valmont)) = ids.first() {
        super::visits::link_demo_visitor(&mut tx, valmont).await?;
    }
    audit::record(
        &mut tx,
        Event::new(ActorKind::System, None, "demo.seeded", None),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

async fn seed_site(tx: &mut Tx, id: &str, site: &Site, pin_hash: &str) -> ApiResult<()> {
    let now = now();
    sqlx::query(
        "INSERT INTO establishments (id, code, name, kind, management, city, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(site.code)
    .bind(site.name)
    .bind(site.kind.code())
    .bind(site.management.code())
    .bind(site.city)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for i in 0..site.detainees {
        let (first, last) = demo_name(i as usize + site.first_number as usize);
        // A mixed population: mostly the site's main status, some of the other.
        let status = match (site.legal_status, i % 5) {
            (LegalStatus::Remand, 4) => LegalStatus::Convicted,
            (LegalStatus::Convicted, 4) => LegalStatus::Remand,
            (s, _) => s,
        };
        sqlx::query(
            "INSERT INTO detainees (id, establishment_id, registration_number, first_name, \
             last_name, birth_date, legal_status, building, wing, cell, pin_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(new_id())
        .bind(id)
        .bind((site.first_number + i).to_string())
        .bind(first)
        .bind(last)
        .bind(format!(
            "{}-{:02}-{:02}",
            1965 + i % 38,
            1 + i % 12,
            1 + i % 28
        ))
        .bind(status.code())
        .bind(["A", "B", "C"][(i / 60) as usize % 3])
        .bind((1 + (i / 20) % 3).to_string())
        .bind(format!("{}", 100 + i % 60))
        .bind(pin_hash)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO terminals (id, establishment_id, location, status, enrolment_code_hash, \
         enrolment_reusable, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)",
    )
    .bind(new_id())
    .bind(id)
    .bind("Terminal de démonstration")
    .bind(TerminalStatusKind::Enrolled.code())
    .bind(tokens::digest(&normalise_code(site.terminal_code)))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn seed_agent(
    tx: &mut Tx,
    login: &str,
    name: &str,
    roles: &[Role],
    establishment_id: Option<&str>,
    hash: &str,
) -> ApiResult<()> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO agents (id, login, password_hash, display_name, national, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(login)
    .bind(hash)
    .bind(name)
    .bind(i64::from(establishment_id.is_none()))
    .bind(now())
    .execute(&mut **tx)
    .await?;
    for role in roles {
        let service = match role {
            Role::RequestHandler(s) => s.code(),
            _ => "",
        };
        sqlx::query("INSERT INTO agent_roles (agent_id, role, service) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(role.code())
            .bind(service)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(establishment_id) = establishment_id {
        sqlx::query("INSERT INTO agent_scopes (agent_id, establishment_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(establishment_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A deterministic name for demo person `n`; 10001 is Karim Benali.
fn demo_name(n: usize) -> (&'static str, &'static str) {
    let k = n.saturating_sub(10001);
    (
        FIRST_NAMES[k % FIRST_NAMES.len()],
        LAST_NAMES[(k * 7) % LAST_NAMES.len()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_demo_detainee_is_karim_benali() {
        assert_eq!(demo_name(10001), ("Karim", "Benali"));
    }
}
