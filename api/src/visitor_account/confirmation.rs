//! Confirming a visitor's e-mail address with a one-time link sent through the outbox.

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::profile::{ConfirmationSent, EmailConfirmation, EmailConfirmed};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::email_token::{self, Check};
use crate::audit::{self, ActorKind, Event};
use crate::auth::visitor::CurrentVisitor;
use crate::db::{Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::outbox::{self, Channel, MessageKind, NewMessage};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(confirm))
        .routes(routes!(resend))
}

/// The account a confirmation link is for.
pub struct Recipient<'a> {
    pub visitor_id: &'a str,
    pub email: &'a str,
    pub first_name: &'a str,
    /// `visitors.email_token_hash` as read in this transaction: the link is only issued if it
    /// is still the same (two concurrent requests send one link, not two).
    pub previous: Option<&'a str>,
}

/// Issues a new link (the previous one stops working) and puts the e-mail holding it in the
/// outbox, in the caller's transaction. `public_url` is the portal's address.
pub async fn send_link(tx: &mut Tx, public_url: &str, to: Recipient<'_>) -> ApiResult<()> {
    let issued = email_token::issue(to.visitor_id, now())?;
    let replaced = sqlx::query(
        "UPDATE visitors SET email_token_hash = $1 \
         WHERE id = $2 AND COALESCE(email_token_hash, '') = $3",
    )
    .bind(&issued.stored)
    .bind(to.visitor_id)
    .bind(to.previous.unwrap_or(""))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if replaced != 1 {
        return Err(just_sent(email_token::RESEND_AFTER_SECONDS));
    }
    let link = format!("{public_url}/confirmer-email?jeton={}", issued.token);
    let hours = email_token::VALIDITY_SECONDS / 3600;
    let body = format!(
        "Bonjour {},\n\nPour confirmer votre adresse e-mail sur l'espace des proches, ouvrez ce \
         lien :\n{link}\n\nIl fonctionne une seule fois, pendant {hours} heures. Si vous avez \
         demandé plusieurs liens, seul le dernier fonctionne.\n\nVous n'êtes pas à l'origine de \
         cette demande ? Ignorez ce message : rien ne sera fait sans ce lien.\n",
        to.first_name
    );
    outbox::enqueue(
        tx,
        NewMessage {
            establishment_id: None,
            channel: Channel::Email,
            recipient: to.email,
            kind: MessageKind::EmailConfirmation,
            subject: "Confirmez votre adresse e-mail",
            body: &body,
            attachment: None,
            dedupe_key: None,
        },
    )
    .await
}

/// The 429 of a link asked again too soon.
pub fn just_sent(wait_seconds: i64) -> ApiError {
    ApiError::TooManyRequests {
        detail: "Un lien de confirmation vient d'être envoyé. Attendez une minute avant d'en \
                 demander un autre, et pensez à regarder dans vos courriers indésirables."
            .into(),
        retry_after: wait_seconds,
    }
}

fn dead_link() -> ApiError {
    ApiError::Gone(
        "Ce lien de confirmation ne fonctionne pas : il a peut-être déjà servi ou un lien plus \
         récent l'a remplacé. Si votre adresse est déjà confirmée, vous n'avez rien à faire ; \
         sinon, connectez-vous et demandez un nouveau lien."
            .into(),
    )
}

fn expired_link() -> ApiError {
    ApiError::Gone(
        "Ce lien de confirmation a expiré (il est valable 48 heures). Connectez-vous et \
         demandez un nouveau lien."
            .into(),
    )
}

/// Confirm an e-mail address with the token of the link sent to it. Works signed in or not:
/// the link may be opened on another device.
#[utoipa::path(post, path = "/account/email-confirmation", tag = "public",
    request_body = EmailConfirmation,
    responses((status = 200, body = EmailConfirmed), (status = 410, body = Problem),
              (status = 422, body = Problem)))]
async fn confirm(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(form): ApiJson<EmailConfirmation>,
) -> ApiResult<axum::Json<EmailConfirmed>> {
    form.validate()?;
    let (visitor_id, secret) = email_token::split(&form.token).ok_or_else(dead_link)?;
    let mut tx = state.db.begin().await?;
    let row = sqlx::query("SELECT email, email_token_hash FROM visitors WHERE id = $1")
        .bind(visitor_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(dead_link)?;
    let stored: Option<String> = row.try_get("email_token_hash")?;
    match email_token::check(stored.as_deref(), secret, now()) {
        Check::Valid => {}
        Check::Expired => return Err(expired_link()),
        Check::Invalid => return Err(dead_link()),
    }
    // Conditional on the value just checked: of two clicks at once, one confirms.
    let confirmed = sqlx::query(
        "UPDATE visitors SET email_confirmed_at = $1, email_token_hash = NULL \
         WHERE id = $2 AND email_token_hash = $3",
    )
    .bind(now())
    .bind(visitor_id)
    .bind(&stored)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if confirmed != 1 {
        return Err(dead_link());
    }
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(visitor_id),
            "visitor.email_confirmed",
            ip.0.as_deref(),
        )
        .target(visitor_id),
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(EmailConfirmed {
        email: row.try_get("email")?,
    }))
}

/// Send the confirmation link again (at most one a minute); the previous link stops working.
#[utoipa::path(post, path = "/account/email-confirmation/resend", tag = "public",
    responses((status = 202, body = ConfirmationSent), (status = 401, body = Problem),
              (status = 409, body = Problem), (status = 429, body = Problem)))]
async fn resend(
    State(state): State<AppState>,
    visitor: CurrentVisitor,
    ip: ClientIp,
) -> ApiResult<(StatusCode, axum::Json<ConfirmationSent>)> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT email, first_name, email_confirmed_at, email_token_hash FROM visitors WHERE id = $1",
    )
    .bind(&visitor.id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(crate::auth::not_signed_in)?;
    if row
        .try_get::<Option<i64>, _>("email_confirmed_at")?
        .is_some()
    {
        return Err(ApiError::conflict(
            shared_types::refusals::common::Common::LinkUsed,
            "Votre adresse e-mail est déjà confirmée.",
        ));
    }
    let previous: Option<String> = row.try_get("email_token_hash")?;
    let wait = email_token::wait_before_next(previous.as_deref(), now());
    if wait > 0 {
        return Err(just_sent(wait));
    }
    let email: String = row.try_get("email")?;
    let first_name: String = row.try_get("first_name")?;
    send_link(
        &mut tx,
        &state.config.public_url,
        Recipient {
            visitor_id: &visitor.id,
            email: &email,
            first_name: &first_name,
            previous: previous.as_deref(),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Event::new(
            ActorKind::Visitor,
            Some(&visitor.id),
            "visitor.email_link_sent",
            ip.0.as_deref(),
        )
        .target(&visitor.id),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::ACCEPTED, axum::Json(ConfirmationSent { email })))
}
