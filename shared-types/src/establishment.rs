//! Establishments (prisons): what every portal shows about one.

use serde::{Deserialize, Serialize};

/// Kind of prison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EstablishmentKind {
    /// Maison d'arrêt.
    RemandPrison,
    /// Centre de détention.
    DetentionCentre,
    /// Maison centrale.
    HighSecurity,
    /// Centre pénitentiaire.
    MultiWingCentre,
    /// Établissement pénitentiaire pour mineurs.
    YouthPrison,
    /// Centre de semi-liberté.
    SemiLibertyCentre,
}

/// Who runs the canteen and logistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Management {
    Public,
    /// Gestion déléguée: a private partner.
    Delegated,
}

impl EstablishmentKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::RemandPrison => "remand_prison",
            Self::DetentionCentre => "detention_centre",
            Self::HighSecurity => "high_security",
            Self::MultiWingCentre => "multi_wing_centre",
            Self::YouthPrison => "youth_prison",
            Self::SemiLibertyCentre => "semi_liberty_centre",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::RemandPrison,
            Self::DetentionCentre,
            Self::HighSecurity,
            Self::MultiWingCentre,
            Self::YouthPrison,
            Self::SemiLibertyCentre,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

impl Management {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Delegated => "delegated",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "public" => Some(Self::Public),
            "delegated" => Some(Self::Delegated),
            _ => None,
        }
    }
}

/// An establishment as listed to a signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EstablishmentSummary {
    pub id: String,
    pub name: String,
    pub kind: EstablishmentKind,
    pub management: Management,
    pub city: String,
}
