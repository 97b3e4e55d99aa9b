//! The visitor's profile: names, date of birth, phone and e-mail, read and changed by them.

use axum::extract::State;
use shared_types::Problem;
use shared_types::profile::{ProfileUpdate, VisitorProfile};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::confirmation::{self, Recipient};
use super::email_token;
use crate::audit::{self, ActorKind, Event};
use crate::auth::visitor::{CurrentVisitor, normalise_email};
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;
use crate::visits::week::paris_date;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(show, update))
}

async fn load(db: &Db, id: &str) -> ApiResult<VisitorProfile> {
    let row = sqlx::query(
        "SELECT email, email_confirmed_at, first_name, last_name, birth_date, phone \
         FROM visitors WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(crate::auth::not_signed_in)?;
    Ok(VisitorProfile {
        email: row.try_get("email")?,
        email_confirmed: row
            .try_get::<Option<i64>, _>("email_confirmed_at")?
            .is_some(),
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        birth_date: row.try_get("birth_date")?,
        phone: row.try_get("phone")?,
    })
}

fn address_taken() -> ApiError {
    ApiError::conflict(
        shared_types::refusals::common::Common::Taken,
        "Cette adresse e-mail est déjà utilisée par un autre compte. Indiquez une autre \
         adresse, ou connectez-vous à ce compte.",
    )
}

/// The signed-in visitor's profile.
#[utoipa::path(get, path = "/profile", tag = "public",
    responses((status = 200, body = VisitorProfile), (status = 401, body = Problem)))]
async fn show(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
) -> ApiResult<axum::Json<VisitorProfile>> {
    Ok(axum::Json(load(&state.db, &visitor.id).await?))
}

/// Change the profile. A new e-mail address is unconfirmed until the link sent to it is
/// opened; changing it is limited like resending the link (one a minute).
#[utoipa::path(put, path = "/profile", tag = "public", request_body = ProfileUpdate,
    responses((status = 200, body = VisitorProfile), (status = 401, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem)))]
async fn update(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiJson(form): ApiJson<ProfileUpdate>,
) -> ApiResult<axum::Json<VisitorProfile>> {
    form.validate(paris_date(now()))?;
    let email = normalise_email(&form.email);
    let mut tx = state.db.begin().await?;
    let row = sqlx::query("SELECT email, email_token_hash FROM visitors WHERE id = $1")
        .bind(&visitor.id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(crate::auth::not_signed_in)?;
    let previous_token: Option<String> = row.try_get("email_token_hash")?;
    let email_changed = email != row.try_get::<String, _>("email")?;
    if email_changed {
        let wait = email_token::wait_before_next(previous_token.as_deref(), now());
        if wait > 0 {
            return Err(confirmation::just_sent(wait));
        }
        let taken = sqlx::query("SELECT id FROM visitors WHERE email = $1 AND id <> $2")
            .bind(&email)
            .bind(&visitor.id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(address_taken());
        }
    }
    let first_name = form.first_name.trim();
    sqlx::query(
        "UPDATE visitors SET first_name = $1, last_name = $2, email = $3, birth_date = $4, \
         phone = $5 WHERE id = $6",
    )
    .bind(first_name)
    .bind(form.last_name.trim())
    .bind(&email)
    .bind(form.birth_date.trim())
    .bind(form.normalised_phone())
    .bind(&visitor.id)
    .execute(&mut *tx)
    .await
    .map_err(|e| match e.as_database_error() {
        // Another account took the address between the check and the write.
        Some(d) if d.is_unique_violation() => address_taken(),
        _ => e.into(),
    })?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(&visitor.id),
            "visitor.profile_updated",
            ip.0.as_deref(),
        )
        .target(&visitor.id),
    )
    .await?;
    if email_changed {
        sqlx::query("UPDATE visitors SET email_confirmed_at = NULL WHERE id = $1")
            .bind(&visitor.id)
            .execute(&mut *tx)
            .await?;
        confirmation::send_link(
            &mut tx,
            &state.config.public_url,
            Recipient {
                visitor_id: &visitor.id,
                email: &email,
                first_name,
                previous: previous_token.as_deref(),
            },
        )
        .await?;
        audit::record(
            &mut tx,
            Event::new(
                ActorKind::Visitor,
                Some(&visitor.id),
                "visitor.email_changed",
                ip.0.as_deref(),
            )
            .target(&visitor.id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(axum::Json(load(&state.db, &visitor.id).await?))
}
