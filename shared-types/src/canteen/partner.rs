//! The partner API: delegated-management partners fetch the locked orders of the
//! establishments their key covers and post what was delivered.

use serde::{Deserialize, Serialize};

use super::Window;
use super::orders::OrderLine;
use crate::FieldError;
use crate::problem::ErrorCode;
use crate::validation::{self, Errors};

/// A new API key for a partner, limited to some establishments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPartnerKey {
    pub name: String,
    pub establishment_ids: Vec<String>,
}

impl NewPartnerKey {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "name", &self.name, 100);
        if self.establishment_ids.is_empty() || self.establishment_ids.len() > 200 {
            e.add("establishment_ids", ErrorCode::Required);
        }
        e.finish()
    }
}

/// A partner key as listed (the secret itself is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerKey {
    pub id: String,
    pub name: String,
    /// The first characters of the key, to recognise it.
    pub prefix: String,
    pub establishment_ids: Vec<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked: bool,
}

/// A key just created: `secret` goes in the partner's `Authorization: Bearer` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerKeyCreated {
    pub key: PartnerKey,
    pub secret: String,
}

/// A window of an establishment the key covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerWindow {
    pub establishment_id: String,
    pub establishment_name: String,
    pub window: Window,
}

/// A locked order as the partner delivers it: to whom, in which cell, which lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryOrder {
    pub order_id: String,
    pub registration_number: String,
    pub detainee_name: String,
    pub building: String,
    pub cell: String,
    pub lines: Vec<OrderLine>,
}
