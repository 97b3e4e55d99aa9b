//! What may happen to a placed order: cancel it, or change its lines — decided from the order
//! as loaded, before the conditional write. A placed order keeps the prices it was placed at:
//! changing it changes quantities at those prices, and only new products take today's price.
//! During a canteen suspension an order can be reduced or cancelled, never enlarged.

use super::orders::OrderStatus;
use crate::refusals::canteen::Canteen;

/// A line of a placed order, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldLine {
    pub product_id: String,
    pub quantity: u32,
    pub unit_price_cents: i64,
}

/// A line the detainee asks for, with the catalogue's price today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedLine {
    pub product_id: String,
    pub quantity: u32,
    pub today_price_cents: i64,
}

/// A placed order as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderState {
    pub status: OrderStatus,
    pub total_cents: i64,
    pub lines: Vec<HeldLine>,
}

/// What the detainee asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderCommand<'a> {
    Cancel,
    Change {
        lines: &'a [AskedLine],
        /// The total the tablet showed.
        expected_total_cents: Option<i64>,
    },
}

/// What the write must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDecision {
    pub status: OrderStatus,
    pub lines: Vec<HeldLine>,
    pub total_cents: i64,
    /// Money to hold more (positive) or to release (negative).
    pub hold_delta_cents: i64,
}

/// Why the command is refused, with the right total when a price was the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub refusal: Canteen,
    pub total_cents: Option<i64>,
}

impl From<Canteen> for Refused {
    fn from(refusal: Canteen) -> Self {
        Self {
            refusal,
            total_cents: None,
        }
    }
}

/// The total of lines.
pub fn total(lines: &[HeldLine]) -> i64 {
    lines
        .iter()
        .map(|l| l.unit_price_cents * i64::from(l.quantity))
        .sum()
}

/// Refuses when the tablet showed another total than the server's.
pub fn check_expected(total_cents: i64, expected: Option<i64>) -> Result<(), Refused> {
    match expected {
        Some(seen) if seen != total_cents => Err(Refused {
            refusal: Canteen::PriceChanged,
            total_cents: Some(total_cents),
        }),
        _ => Ok(()),
    }
}

/// Decides a cancel or a change of `order`.
pub fn decide(
    order: &OrderState,
    command: &OrderCommand<'_>,
    suspended: bool,
) -> Result<OrderDecision, Refused> {
    if order.status != OrderStatus::Placed {
        return Err(Canteen::OrderNotPlaced.into());
    }
    match command {
        OrderCommand::Cancel => Ok(OrderDecision {
            status: OrderStatus::Cancelled,
            lines: order.lines.clone(),
            total_cents: order.total_cents,
            hold_delta_cents: -order.total_cents,
        }),
        OrderCommand::Change {
            lines,
            expected_total_cents,
        } => {
            let held = |id: &str| order.lines.iter().find(|l| l.product_id == id);
            if suspended
                && lines
                    .iter()
                    .any(|l| held(&l.product_id).is_none_or(|h| l.quantity > h.quantity))
            {
                return Err(Canteen::SuspendedNoIncrease.into());
            }
            let new_lines: Vec<HeldLine> = lines
                .iter()
                .map(|l| HeldLine {
                    product_id: l.product_id.clone(),
                    quantity: l.quantity,
                    unit_price_cents: held(&l.product_id)
                        .map_or(l.today_price_cents, |h| h.unit_price_cents),
                })
                .collect();
            let total_cents = total(&new_lines);
            check_expected(total_cents, *expected_total_cents)?;
            Ok(OrderDecision {
                status: OrderStatus::Placed,
                lines: new_lines,
                total_cents,
                hold_delta_cents: total_cents - order.total_cents,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed() -> OrderState {
        OrderState {
            status: OrderStatus::Placed,
            total_cents: 2 * 189 + 350,
            lines: vec![
                HeldLine {
                    product_id: "coffee".into(),
                    quantity: 2,
                    unit_price_cents: 189,
                },
                HeldLine {
                    product_id: "soap".into(),
                    quantity: 1,
                    unit_price_cents: 350,
                },
            ],
        }
    }

    fn asked(id: &str, quantity: u32, today: i64) -> AskedLine {
        AskedLine {
            product_id: id.into(),
            quantity,
            today_price_cents: today,
        }
    }

    #[test]
    fn a_cancel_releases_the_whole_hold_once_placed_only() {
        let d = decide(&placed(), &OrderCommand::Cancel, false).unwrap();
        assert_eq!(
            (d.status, d.hold_delta_cents),
            (OrderStatus::Cancelled, -728)
        );
        for status in [
            OrderStatus::Cancelled,
            OrderStatus::Locked,
            OrderStatus::Delivered,
        ] {
            let o = OrderState { status, ..placed() };
            assert_eq!(
                decide(&o, &OrderCommand::Cancel, false),
                Err(Canteen::OrderNotPlaced.into())
            );
        }
    }

    #[test]
    fn a_change_keeps_the_prices_of_placed_lines_and_prices_new_ones_today() {
        // Coffee rose to 2,50 € since the order: the order keeps 1,89 €.
        let lines = [asked("coffee", 3, 250), asked("rice", 1, 120)];
        let d = decide(
            &placed(),
            &OrderCommand::Change {
                lines: &lines,
                expected_total_cents: None,
            },
            false,
        )
        .unwrap();
        assert_eq!(d.total_cents, 3 * 189 + 120);
        assert_eq!(d.hold_delta_cents, 3 * 189 + 120 - 728);
        assert_eq!(d.lines[0].unit_price_cents, 189);
    }

    #[test]
    fn a_different_total_than_the_tablet_showed_is_refused_with_the_right_one() {
        let lines = [asked("coffee", 1, 250)];
        let change = OrderCommand::Change {
            lines: &lines,
            expected_total_cents: Some(250),
        };
        assert_eq!(
            decide(&placed(), &change, false),
            Err(Refused {
                refusal: Canteen::PriceChanged,
                total_cents: Some(189)
            })
        );
        assert_eq!(check_expected(378, Some(378)), Ok(()));
        assert_eq!(check_expected(378, None), Ok(()));
    }

    #[test]
    fn during_a_suspension_an_order_only_shrinks() {
        let smaller = [asked("coffee", 1, 189)];
        let change = OrderCommand::Change {
            lines: &smaller,
            expected_total_cents: None,
        };
        assert_eq!(decide(&placed(), &change, true).unwrap().total_cents, 189);
        for lines in [
            vec![asked("coffee", 3, 189)],
            vec![asked("coffee", 1, 189), asked("rice", 1, 120)],
        ] {
            let change = OrderCommand::Change {
                lines: &lines,
                expected_total_cents: None,
            };
            assert_eq!(
                decide(&placed(), &change, true),
                Err(Canteen::SuspendedNoIncrease.into()),
                "{lines:?}"
            );
            assert!(decide(&placed(), &change, false).is_ok());
        }
        assert!(decide(&placed(), &OrderCommand::Cancel, true).is_ok());
    }
}
