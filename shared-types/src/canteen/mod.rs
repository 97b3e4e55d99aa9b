//! The internal shop (cantine): catalogue, the weekly ordering window, orders, delivery.

pub mod delivery;
pub mod order_rules;
pub mod orders;
pub mod partner;

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::codes::coded_enum;
use crate::people::LegalStatus;
use crate::problem::ErrorCode;
use crate::validation::{self, Errors};

/// Most of one product in one order, whatever the catalogue says.
pub const MAX_PER_ORDER: u32 = 50;
/// Dearest product: 500 €.
pub const MAX_PRICE_CENTS: i64 = 50_000;

coded_enum! {
    /// A detainee's regime; some products are sold to one regime only.
    pub enum Regime {
        /// Régime ordinaire.
        Standard => "standard",
        /// Régime de confiance (open doors).
        Trust => "trust",
        /// Régime contrôlé.
        Controlled => "controlled",
    }
}

/// A shelf of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: String,
    pub name: String,
    pub position: u32,
}

/// A new shelf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCategory {
    pub name: String,
}

impl NewCategory {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "name", &self.name, 60);
        e.finish()
    }
}

/// A past price of a product, shown to detainees so a rise is never a surprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceChange {
    pub at: i64,
    pub old_price_cents: i64,
    pub new_price_cents: i64,
}

/// A product of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: String,
    pub category_id: String,
    pub name: String,
    /// "le paquet de 250 g", "l'unité".
    pub unit: String,
    pub price_cents: i64,
    pub max_per_order: u32,
    pub available: bool,
    pub only_legal_status: Option<LegalStatus>,
    pub only_regime: Option<Regime>,
    /// The last price change, if the price changed in the past 30 days.
    pub recent_change: Option<PriceChange>,
}

/// What the canteen manager enters for a product, new or edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductForm {
    pub category_id: String,
    pub name: String,
    pub unit: String,
    pub price_cents: i64,
    pub max_per_order: u32,
    pub available: bool,
    #[serde(default)]
    pub only_legal_status: Option<LegalStatus>,
    #[serde(default)]
    pub only_regime: Option<Regime>,
}

impl ProductForm {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "category_id", &self.category_id, 64);
        validation::required_text(&mut e, "name", &self.name, 100);
        validation::required_text(&mut e, "unit", &self.unit, 40);
        if !(1..=MAX_PRICE_CENTS).contains(&self.price_cents) {
            e.add("price_cents", ErrorCode::InvalidFormat);
        }
        if !(1..=MAX_PER_ORDER).contains(&self.max_per_order) {
            e.add("max_per_order", ErrorCode::InvalidFormat);
        }
        e.finish()
    }
}

/// Who may buy a product: everyone unless it is kept to one legal status or regime.
pub fn may_buy(
    only_status: Option<LegalStatus>,
    only_regime: Option<Regime>,
    status: LegalStatus,
    regime: Regime,
) -> bool {
    only_status.is_none_or(|s| s == status) && only_regime.is_none_or(|r| r == regime)
}

/// The catalogue as one establishment's detainees or managers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalogue {
    pub categories: Vec<Category>,
    pub products: Vec<Product>,
}

/// The weekly rhythm of the shop, in Paris time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CanteenSettings {
    /// ISO weekday the window closes on: 1 = Monday … 7 = Sunday.
    pub close_weekday: u32,
    /// Minutes after midnight the window closes at.
    pub close_minute: u32,
    /// ISO weekday of delivery to the cells, after the close.
    pub delivery_weekday: u32,
    /// Days after delivery during which a detainee may dispute a line.
    pub dispute_days: u32,
}

impl Default for CanteenSettings {
    /// Orders close on Monday at 10:00 and are delivered on Thursday; a week to dispute.
    fn default() -> Self {
        Self {
            close_weekday: 1,
            close_minute: 600,
            delivery_weekday: 4,
            dispute_days: 7,
        }
    }
}

impl CanteenSettings {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if !(1..=7).contains(&self.close_weekday) {
            e.add("close_weekday", ErrorCode::InvalidFormat);
        }
        if self.close_minute >= 24 * 60 {
            e.add("close_minute", ErrorCode::InvalidFormat);
        }
        if !(1..=7).contains(&self.delivery_weekday) || self.delivery_weekday == self.close_weekday
        {
            e.add("delivery_weekday", ErrorCode::InvalidFormat);
        }
        if !(1..=30).contains(&self.dispute_days) {
            e.add("dispute_days", ErrorCode::InvalidFormat);
        }
        e.finish()
    }
}

coded_enum! {
    /// Where an ordering window stands.
    pub enum WindowStatus {
        /// Detainees may order, change and cancel.
        Open => "open",
        /// Closed: orders are locked, paid and handed to the shop.
        Locked => "locked",
    }
}

/// An ordering window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Window {
    pub id: String,
    pub opens_at: i64,
    pub closes_at: i64,
    /// `YYYY-MM-DD`.
    pub delivery_date: String,
    pub status: WindowStatus,
    pub order_count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProductForm {
        ProductForm {
            category_id: "c".into(),
            name: "Café moulu".into(),
            unit: "le paquet de 250 g".into(),
            price_cents: 329,
            max_per_order: 4,
            available: true,
            only_legal_status: None,
            only_regime: None,
        }
    }

    #[test]
    fn a_product_needs_a_name_a_unit_and_a_sane_price() {
        assert!(form().validate().is_ok());
        let bad = ProductForm {
            name: " ".into(),
            price_cents: 0,
            max_per_order: 0,
            ..form()
        };
        let fields: Vec<_> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "price_cents", "max_per_order"]);
    }

    #[test]
    fn restricted_products_are_for_their_public_only() {
        use LegalStatus::*;
        assert!(may_buy(None, None, Remand, Regime::Standard));
        assert!(may_buy(Some(Convicted), None, Convicted, Regime::Trust));
        assert!(!may_buy(Some(Convicted), None, Remand, Regime::Trust));
        assert!(!may_buy(
            None,
            Some(Regime::Trust),
            Convicted,
            Regime::Standard
        ));
    }

    #[test]
    fn settings_are_checked() {
        assert!(CanteenSettings::default().validate().is_ok());
        let bad = CanteenSettings {
            close_weekday: 8,
            close_minute: 1440,
            delivery_weekday: 8,
            dispute_days: 0,
        };
        assert_eq!(bad.validate().unwrap_err().len(), 4);
    }
}
