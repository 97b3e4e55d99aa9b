//! After the close: consolidation for the shop, delivery per line, refunds and disputes.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::codes::coded_enum;
use crate::problem::ErrorCode;
use crate::validation::{self, Errors};

coded_enum! {
    /// What happened to an order line at delivery.
    pub enum LineOutcome {
        /// Delivered as ordered.
        Delivered => "delivered",
        /// Some or all of the quantity did not come: the missing part is refunded.
        Missing => "missing",
        /// Replaced by another product, never dearer: the difference is refunded.
        Substituted => "substituted",
    }
}

/// One product's total over the locked orders of a window: what the shop must prepare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsolidatedLine {
    pub product_id: String,
    pub category: String,
    pub name: String,
    pub unit: String,
    pub unit_price_cents: i64,
    pub quantity: u32,
    pub orders: u32,
}

/// The delivery result of one line, entered in the console or posted by the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineDelivery {
    pub line_id: String,
    pub outcome: LineOutcome,
    /// For `missing`: how many did come (0 when none). Ignored otherwise.
    #[serde(default)]
    pub delivered_quantity: Option<u32>,
    /// For `substituted`: what was given instead, and its unit price.
    #[serde(default)]
    pub substitute_name: Option<String>,
    #[serde(default)]
    pub substitute_price_cents: Option<i64>,
}

/// Several delivery results at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveryBatch {
    pub lines: Vec<LineDelivery>,
}

/// Most lines in one delivery batch.
pub const MAX_BATCH: usize = 2_000;

impl DeliveryBatch {
    /// Field errors on the shape (each line is checked against its order by `refund_for`).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.lines.is_empty() {
            e.add("lines", ErrorCode::Required);
        } else if self.lines.len() > MAX_BATCH {
            e.add("lines", ErrorCode::TooLong);
        }
        e.finish()
    }
}

/// What a recorded line comes to: the quantity delivered and the refund owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSettlement {
    pub delivered_quantity: u32,
    pub refund_cents: i64,
}

/// The refund owed for a line of `quantity` at `unit_price` given its delivery result, or the
/// field error that makes the result impossible (`field` prefixes the error).
pub fn refund_for(
    quantity: u32,
    unit_price_cents: i64,
    result: &LineDelivery,
    field: &str,
) -> Result<LineSettlement, FieldError> {
    let error = |name: &str, code| FieldError::new(format!("{field}.{name}"), code);
    match result.outcome {
        LineOutcome::Delivered => Ok(LineSettlement {
            delivered_quantity: quantity,
            refund_cents: 0,
        }),
        LineOutcome::Missing => {
            let came = result.delivered_quantity.unwrap_or(0);
            if came >= quantity {
                return Err(error("delivered_quantity", ErrorCode::InvalidFormat));
            }
            Ok(LineSettlement {
                delivered_quantity: came,
                refund_cents: i64::from(quantity - came) * unit_price_cents,
            })
        }
        LineOutcome::Substituted => {
            let name = result.substitute_name.as_deref().unwrap_or("").trim();
            if name.is_empty() || name.chars().count() > 100 {
                return Err(error("substitute_name", ErrorCode::Required));
            }
            match result.substitute_price_cents {
                Some(p) if (1..=unit_price_cents).contains(&p) => Ok(LineSettlement {
                    delivered_quantity: quantity,
                    refund_cents: i64::from(quantity) * (unit_price_cents - p),
                }),
                _ => Err(error("substitute_price_cents", ErrorCode::InvalidFormat)),
            }
        }
    }
}

coded_enum! {
    /// Where a dispute stands.
    pub enum DisputeStatus {
        Open => "open",
        /// The shop agreed: the line's disputed amount is refunded.
        Accepted => "accepted",
        Rejected => "rejected",
    }
}

/// A detainee's dispute of a delivered line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dispute {
    pub id: String,
    pub status: DisputeStatus,
    pub message: String,
    pub answer: Option<String>,
    pub refund_cents: i64,
    pub created_at: i64,
    pub answered_at: Option<i64>,
}

/// The detainee disputes a line ("il manquait un paquet", "produit abîmé").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDispute {
    pub message: String,
}

impl NewDispute {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "message", &self.message, 500);
        e.finish()
    }
}

/// The canteen manager answers a dispute; accepting refunds `refund_cents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeAnswer {
    pub accept: bool,
    pub answer: String,
    #[serde(default)]
    pub refund_cents: i64,
}

impl DisputeAnswer {
    /// Field errors, if any; `refundable` is what the line can still give back.
    pub fn validate(&self, refundable: i64) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "answer", &self.answer, 500);
        if self.accept && !(1..=refundable).contains(&self.refund_cents) {
            e.add("refund_cents", ErrorCode::InvalidFormat);
        }
        if !self.accept && self.refund_cents != 0 {
            e.add("refund_cents", ErrorCode::InvalidFormat);
        }
        e.finish()
    }
}

/// A dispute as the canteen manager sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeCase {
    pub dispute: Dispute,
    pub order_id: String,
    pub line_id: String,
    pub product_name: String,
    pub quantity: u32,
    pub unit_price_cents: i64,
    pub refundable_cents: i64,
    pub detainee_name: String,
    pub registration_number: String,
}

/// A disciplinary suspension of the canteen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suspension {
    pub id: String,
    pub detainee_id: String,
    pub starts_on: String,
    pub ends_on: String,
    pub reason: String,
    pub lifted: bool,
}

/// Suspends a detainee's canteen from one day to another, both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuspension {
    pub starts_on: String,
    pub ends_on: String,
    pub reason: String,
}

impl NewSuspension {
    /// Field errors, if any: real dates, in order, at most a year apart.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "reason", &self.reason, 300);
        let start = crate::date::Date::parse(self.starts_on.trim());
        let end = crate::date::Date::parse(self.ends_on.trim());
        if start.is_none() {
            e.add("starts_on", ErrorCode::InvalidFormat);
        }
        match (start, end) {
            (_, None) => e.add("ends_on", ErrorCode::InvalidFormat),
            (Some(s), Some(t)) if t < s || t.days_since_epoch() - s.days_since_epoch() > 366 => {
                e.add("ends_on", ErrorCode::InvalidFormat)
            }
            _ => {}
        }
        e.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(outcome: LineOutcome) -> LineDelivery {
        LineDelivery {
            line_id: "l".into(),
            outcome,
            delivered_quantity: None,
            substitute_name: None,
            substitute_price_cents: None,
        }
    }

    #[test]
    fn a_missing_line_is_refunded_for_what_did_not_come() {
        let none = refund_for(3, 250, &result(LineOutcome::Missing), "lines[0]").unwrap();
        assert_eq!(none.refund_cents, 750);
        assert_eq!(none.delivered_quantity, 0);
        let some = LineDelivery {
            delivered_quantity: Some(2),
            ..result(LineOutcome::Missing)
        };
        assert_eq!(refund_for(3, 250, &some, "x").unwrap().refund_cents, 250);
        let all = LineDelivery {
            delivered_quantity: Some(3),
            ..result(LineOutcome::Missing)
        };
        let e = refund_for(3, 250, &all, "lines[4]").unwrap_err();
        assert_eq!(e.field, "lines[4].delivered_quantity");
    }

    #[test]
    fn a_substitute_is_never_dearer_and_the_difference_comes_back() {
        let cheaper = LineDelivery {
            substitute_name: Some("Café soluble".into()),
            substitute_price_cents: Some(200),
            ..result(LineOutcome::Substituted)
        };
        assert_eq!(refund_for(2, 250, &cheaper, "x").unwrap().refund_cents, 100);
        let dearer = LineDelivery {
            substitute_price_cents: Some(300),
            ..cheaper.clone()
        };
        assert!(refund_for(2, 250, &dearer, "x").is_err());
        let unnamed = LineDelivery {
            substitute_name: None,
            ..cheaper
        };
        assert!(refund_for(2, 250, &unnamed, "x").is_err());
    }

    #[test]
    fn a_delivered_line_owes_nothing() {
        let s = refund_for(5, 99, &result(LineOutcome::Delivered), "x").unwrap();
        assert_eq!((s.delivered_quantity, s.refund_cents), (5, 0));
    }

    #[test]
    fn an_accepted_dispute_refunds_within_the_line() {
        let answer = |accept, refund_cents| DisputeAnswer {
            accept,
            answer: "Vu avec le magasin".into(),
            refund_cents,
        };
        assert!(answer(true, 250).validate(250).is_ok());
        assert!(answer(true, 251).validate(250).is_err());
        assert!(answer(true, 0).validate(250).is_err());
        assert!(answer(false, 0).validate(250).is_ok());
        assert!(answer(false, 10).validate(250).is_err());
    }

    #[test]
    fn suspension_dates_are_in_order() {
        let s = |a: &str, b: &str| NewSuspension {
            starts_on: a.into(),
            ends_on: b.into(),
            reason: "Commission de discipline".into(),
        };
        assert!(s("2026-11-23", "2026-12-07").validate().is_ok());
        assert!(s("2026-12-07", "2026-11-23").validate().is_err());
        assert!(s("2026-11-23", "demain").validate().is_err());
    }
}
