//! HTTP routes of bookings, for the family portal and the console.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared_types::Problem;
use shared_types::date::Date;
use shared_types::roles::Permission;
use shared_types::visits::{Booking, NewBooking, Slot};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::book::{Booker, book};
use super::cancel::{Canceller, cancel_in_tx};
use super::read;
use crate::auth::agent::CurrentAgent;
use crate::auth::visitor::CurrentVisitor;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::visits::setup::load_rules;
use crate::visits::week::paris_date;

/// Family-portal routes.
pub fn public_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(slots_for_link))
        .routes(routes!(create, list))
        .routes(routes!(cancel))
        .routes(routes!(change_booking))
}

/// Console routes.
pub fn agent_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(staff_cancel))
        .routes(routes!(staff_book))
}

/// Which days of slots to show.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SlotRange {
    /// First day, `YYYY-MM-DD` (default: today).
    pub from: Option<String>,
    /// Number of days, 1 to 35 (default 7).
    pub days: Option<i64>,
}

/// Bookable slots for a linked detainee.
#[utoipa::path(get, path = "/links/{id}/slots", tag = "public",
    params(("id" = String, Path, description = "Link request id"), SlotRange),
    responses((status = 200, body = Vec<Slot>), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn slots_for_link(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ApiPath(link_id): ApiPath<String>,
    ApiQuery(range): ApiQuery<SlotRange>,
) -> ApiResult<axum::Json<Vec<Slot>>> {
    let days = range.days.unwrap_or(7);
    if !(1..=35).contains(&days) {
        return Err(ApiError::BadRequest("`days` va de 1 à 35.".into()));
    }
    let from_day = match range.from.as_deref() {
        None => paris_date(now()),
        Some(s) => Date::parse(s)
            .ok_or_else(|| ApiError::BadRequest("`from` : une date AAAA-MM-JJ.".into()))?,
    };
    let link = sqlx::query(
        "SELECT establishment_id, status FROM link_requests WHERE id = $1 AND visitor_id = $2",
    )
    .bind(&link_id)
    .bind(&visitor.id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    if link.try_get::<String, _>("status")? != "approved" {
        return Err(ApiError::conflict(
            shared_types::refusals::visits::Visits::LinkNotApproved,
            "Votre demande de lien n'a pas encore été acceptée par l'établissement.",
        ));
    }
    let establishment_id: String = link.try_get("establishment_id")?;
    let (from, _) = crate::paris_time::day_range(from_day, days);
    let rules = load_rules(&state.db.pool, &establishment_id).await?;
    Ok(axum::Json(
        read::bookable_slots(&state.db, &establishment_id, from, days, &rules).await?,
    ))
}

/// Book a visit. Repeating the request with the same `idempotency_key` returns the same booking.
#[utoipa::path(post, path = "/bookings", tag = "public", request_body = NewBooking,
    responses((status = 201, body = Booking), (status = 200, body = Booking, description = "Already booked with this key"),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiJson(form): ApiJson<NewBooking>,
) -> ApiResult<(StatusCode, axum::Json<Booking>)> {
    let mut tx = state.db.begin().await?;
    let booker = Booker {
        visitor_id: &visitor.id,
        agent_id: None,
        ip: ip.0.as_deref(),
        held_offer: None,
    };
    let (id, created) = book(&mut tx, booker, &form).await?;
    tx.commit().await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(read::one(&state.db, &id).await?)))
}

/// The visitor's upcoming visits and history.
#[utoipa::path(get, path = "/bookings", tag = "public",
    responses((status = 200, body = Vec<Booking>), (status = 401, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
) -> ApiResult<axum::Json<Vec<Booking>>> {
    Ok(axum::Json(read::for_visitor(&state.db, &visitor.id).await?))
}

/// Cancel a visit, until the establishment's deadline.
#[utoipa::path(delete, path = "/bookings/{id}", tag = "public",
    params(("id" = String, Path, description = "Booking id")),
    responses((status = 200, body = Booking), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn cancel(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<Booking>> {
    let mut tx = state.db.begin().await?;
    cancel_in_tx(
        &mut tx,
        &id,
        Canceller::Visitor { id: &visitor.id },
        None,
        ip.0.as_deref(),
        true,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(read::one(&state.db, &id).await?))
}

/// Staff cancel a visit with a reason the visitor sees.
#[derive(Debug, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffCancel {
    pub reason: String,
}

/// Staff cancel a visit, with a reason the visitor sees.
#[utoipa::path(post, path = "/establishments/{id}/bookings/{booking_id}/cancel", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("booking_id" = String, Path, description = "Booking id")),
    request_body = StaffCancel,
    responses((status = 200, body = Booking), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn staff_cancel(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, booking_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<StaffCancel>,
) -> ApiResult<axum::Json<Booking>> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let mut e = shared_types::validation::Errors::default();
    shared_types::validation::required_text(&mut e, "reason", &form.reason, 500);
    e.finish()?;
    let mut tx = state.db.begin().await?;
    let by = Canceller::Agent {
        id: &agent.id,
        establishment_id: &establishment_id,
    };
    cancel_in_tx(
        &mut tx,
        &booking_id,
        by,
        Some(form.reason.trim()),
        ip.0.as_deref(),
        true,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(read::one(&state.db, &booking_id).await?))
}

/// Staff book for a visitor who phoned, on one of the visitor's approved links. The same rules
/// apply, except the deadline (staff may book until the visit starts).
#[utoipa::path(post, path = "/establishments/{id}/bookings", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewBooking,
    responses((status = 201, body = Booking), (status = 200, body = Booking), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn staff_book(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewBooking>,
) -> ApiResult<(StatusCode, axum::Json<Booking>)> {
    agent.require(Permission::ManageVisits, &establishment_id)?;
    let visitor: String =
        sqlx::query("SELECT visitor_id FROM link_requests WHERE id = $1 AND establishment_id = $2")
            .bind(&form.link_id)
            .bind(&establishment_id)
            .fetch_optional(&state.db.pool)
            .await?
            .ok_or_else(|| {
                ApiError::Validation(vec![shared_types::FieldError::new(
                    "link_id",
                    shared_types::ErrorCode::InvalidFormat,
                )])
            })?
            .try_get("visitor_id")?;
    let mut tx = state.db.begin().await?;
    let booker = Booker {
        visitor_id: &visitor,
        agent_id: Some(&agent.id),
        ip: ip.0.as_deref(),
        held_offer: None,
    };
    let (id, created) = book(&mut tx, booker, &form).await?;
    tx.commit().await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(read::one(&state.db, &id).await?)))
}

/// Move a visit to another slot, until the deadline. A refused change keeps the original visit.
#[utoipa::path(post, path = "/bookings/{id}/change", tag = "public",
    params(("id" = String, Path, description = "Booking id")),
    request_body = shared_types::visit_links::ChangeBooking,
    responses((status = 200, body = Booking), (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
async fn change_booking(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
    ApiPath(id): ApiPath<String>,
    ApiJson(form): ApiJson<shared_types::visit_links::ChangeBooking>,
) -> ApiResult<axum::Json<Booking>> {
    let mut tx = state.db.begin().await?;
    let (new_id, _) =
        super::change::change(&mut tx, &visitor.id, &id, &form, ip.0.as_deref()).await?;
    tx.commit().await?;
    Ok(axum::Json(read::one(&state.db, &new_id).await?))
}
