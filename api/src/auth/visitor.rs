//! Family-portal accounts: sign-up, sign-in, sign-out, "who am I".

use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use shared_types::Problem;
use shared_types::auth::{SignUpAccepted, VisitorMe, VisitorSignIn, VisitorSignUp};
use sqlx::Row;
use tower_sessions::Session;
use utoipa_axum::{router::OpenApiRouter, routes};

use shared_types::validation::normalise_phone;

use super::credentials::{self, Attempt};
use super::password;
use crate::audit::{self, ActorKind, Event};
use crate::db::{Db, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::state::AppState;
use crate::visitor_account::confirmation::{self, Recipient};
use crate::visits::week::paris_date;

/// The family portal's account routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(sign_in, current, sign_out))
}

/// A signed-in visitor; rejects with 401 otherwise.
#[derive(Debug, Clone)]
pub struct CurrentVisitor {
    pub id: String,
}

impl FromRequestParts<AppState> for CurrentVisitor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let (_, auth) = super::from_parts(parts, state).await?;
        Ok(Self {
            id: auth.subject_id,
        })
    }
}

/// How addresses are compared and stored: trimmed, lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

async fn load(db: &Db, id: &str) -> ApiResult<VisitorMe> {
    let row = sqlx::query(
        "SELECT id, email, first_name, last_name, email_confirmed_at, birth_date \
         FROM visitors WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(super::not_signed_in)?;
    Ok(VisitorMe {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email_confirmed: row
            .try_get::<Option<i64>, _>("email_confirmed_at")?
            .is_some(),
        profile_complete: row
            .try_get::<Option<String>, _>("birth_date")?
            .is_some_and(|d| !d.trim().is_empty()),
    })
}

/// Create a family-portal account; a link to confirm the address is e-mailed to it.
#[utoipa::path(post, path = "/account", tag = "public",
    request_body = VisitorSignUp,
    responses((status = 202, body = SignUpAccepted), (status = 422, body = Problem)))]
async fn sign_up(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(form): ApiJson<VisitorSignUp>,
) -> ApiResult<(StatusCode, axum::Json<SignUpAccepted>)> {
    form.validate(paris_date(now()))?;
    // Hash even when the address is taken: the answer and its timing stay the same.
    let hash = password::hash(form.password.clone()).await?;
    let id = new_id();
    let email = normalise_email(&form.email);
    let first_name = form.first_name.trim();
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO visitors (id, email, password_hash, first_name, last_name, birth_date, \
         phone, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(&id)
    .bind(&email)
    .bind(&hash)
    .bind(first_name)
    .bind(form.last_name.trim())
    .bind(form.birth_date.as_deref().map(str::trim))
    .bind(form.phone.as_deref().and_then(normalise_phone))
    .bind(now())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // A known address gets nothing: the answer must not tell whether it had an account.
    if inserted == 1 {
        confirmation::send_link(
            &mut tx,
            &state.config.public_url,
            Recipient {
                visitor_id: &id,
                email: &email,
                first_name,
                previous: None,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            Event::new(
                ActorKind::Visitor,
                Some(&id),
                "visitor.signed_up",
                ip.0.as_deref(),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(SignUpAccepted {
            message: "Votre demande est enregistrée. Vous pouvez vous connecter ; un lien pour \
                      confirmer votre adresse vous a été envoyé par e-mail."
                .into(),
        }),
    ))
}

/// Sign in to the family portal.
#[utoipa::path(post, path = "/session", tag = "public",
    request_body = VisitorSignIn,
    responses((status = 200, body = VisitorMe), (status = 401, body = Problem),
              (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn sign_in(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
    ApiJson(form): ApiJson<VisitorSignIn>,
) -> ApiResult<axum::Json<VisitorMe>> {
    form.validate()?;
    let email = normalise_email(&form.email);
    let subject = format!("visitor:{email}");
    let found =
        sqlx::query("SELECT id, password_hash AS secret_hash FROM visitors WHERE email = $1")
            .bind(&email)
            .fetch_optional(&state.db.pool)
            .await?;
    let attempt = Attempt {
        actor: ActorKind::Visitor,
        subject: &subject,
        signed_in: "visitor.signed_in",
        failed: "visitor.sign_in_failed",
        establishment_id: None,
        terminal_id: None,
        refusal: "Adresse e-mail ou mot de passe incorrect.",
    };
    let id = credentials::sign_in(&state, &session, &ip, attempt, found, form.password).await?;
    Ok(axum::Json(load(&state.db, &id).await?))
}

/// The signed-in visitor.
#[utoipa::path(get, path = "/session", tag = "public",
    responses((status = 200, body = VisitorMe), (status = 401, body = Problem)))]
async fn current(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
) -> ApiResult<axum::Json<VisitorMe>> {
    Ok(axum::Json(load(&state.db, &visitor.id).await?))
}

/// Sign out of the family portal.
#[utoipa::path(delete, path = "/session", tag = "public", responses((status = 204)))]
async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    ip: ClientIp,
) -> ApiResult<StatusCode> {
    super::sign_out(
        &state,
        &session,
        ActorKind::Visitor,
        "visitor.signed_out",
        &ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
