//! Whether a visitor may ask to be linked to a detainee yet.

use shared_types::profile::{LinkPrerequisite, link_prerequisite};
use shared_types::refusals::common::Common;
use sqlx::Row;

use crate::db::Tx;
use crate::error::{ApiError, ApiResult};

/// Refuses (403, nothing written) a link request from an account whose address is not
/// confirmed or whose date of birth is unknown: staff match requests against permits issued
/// to a named person, and answer by e-mail.
pub async fn require_ready_for_links(tx: &mut Tx, visitor_id: &str) -> ApiResult<()> {
    let row = sqlx::query("SELECT email_confirmed_at, birth_date FROM visitors WHERE id = $1")
        .bind(visitor_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(crate::auth::not_signed_in)?;
    let confirmed = row
        .try_get::<Option<i64>, _>("email_confirmed_at")?
        .is_some();
    let birth_date: Option<String> = row.try_get("birth_date")?;
    let has_birth_date = birth_date.is_some_and(|d| !d.trim().is_empty());
    match link_prerequisite(confirmed, has_birth_date) {
        None => Ok(()),
        Some(LinkPrerequisite::ConfirmEmail) => Err(ApiError::denied(
            Common::EmailNotConfirmed,
            "Confirmez d'abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé \
             (regardez aussi dans les courriers indésirables) ou demandez un nouveau lien depuis \
             votre espace.",
        )),
        Some(LinkPrerequisite::CompleteProfile) => Err(ApiError::denied(
            Common::ProfileIncomplete,
            "Indiquez d'abord votre date de naissance dans votre profil : l'établissement en a \
             besoin pour vérifier votre permis de visite.",
        )),
    }
}
