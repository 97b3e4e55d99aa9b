//! The canteen order's states and who moves them.

use super::{code, table};
use crate::canteen::order_rules::{AskedLine, HeldLine, OrderCommand, OrderState, decide};
use crate::canteen::orders::{OrderStatus, delivered_status};
use crate::refusals::Refusal;
use crate::refusals::canteen::Canteen;

fn order(status: OrderStatus) -> OrderState {
    OrderState {
        status,
        total_cents: 400,
        lines: vec![HeldLine {
            product_id: "p".into(),
            quantity: 2,
            unit_price_cents: 200,
        }],
    }
}

fn outcome(status: OrderStatus, command: &OrderCommand<'_>, suspended: bool) -> String {
    match decide(&order(status), command, suspended) {
        Ok(d) => format!("→ {}", code(d.status.code())),
        Err(r) => code(r.refusal.code()),
    }
}

pub(super) fn section() -> String {
    let shrink = [AskedLine {
        product_id: "p".into(),
        quantity: 1,
        today_price_cents: 250,
    }];
    let grow = [AskedLine {
        product_id: "p".into(),
        quantity: 3,
        today_price_cents: 250,
    }];
    let change = |lines| OrderCommand::Change {
        lines,
        expected_total_cents: None,
    };
    let rows: Vec<Vec<String>> = OrderStatus::ALL
        .iter()
        .map(|s| {
            vec![
                code(s.code()),
                outcome(*s, &OrderCommand::Cancel, false),
                outcome(*s, &change(&shrink), false),
                outcome(*s, &change(&grow), false),
                outcome(*s, &change(&grow), true),
            ]
        })
        .collect();
    let mut out = String::from(
        "## Canteen orders (`canteen_orders.status`, written under `version`)\n\n\
         The detainee's tablet cancels or changes a placed order while its week is open \
         (`order_rules::decide`). A change keeps the prices the order was placed at; a total \
         other than the one the tablet showed is refused with \
         `order.price_changed` and the right total.\n\n",
    );
    out.push_str(&table(
        &[
            "status",
            "cancel",
            "change (fewer)",
            "change (more)",
            "change (more, suspended)",
        ],
        &rows,
    ));
    let delivered = [(400, 0), (400, 200), (400, 400)]
        .map(|(t, r)| code(delivered_status(t, r).code()))
        .join(", ");
    out.push_str(&format!(
        "\nOther moves, by staff and jobs:\n\n\
         - `placed` → `locked`: the week's close (canteen manager, or the closing job at the \
         scheduled time); the hold becomes a purchase. Refused: {} (already closed).\n\
         - `locked` → {delivered}: delivery recorded line by line (canteen manager for public \
         establishments, the partner's API under delegated management); a missing or cheaper \
         line is refunded once (ledger `cause` = `delivery:<line>`). Refused: {}, {}, {}.\n\
         - a delivered line → a dispute (detainee), answered once (canteen manager): {}, {}, {}, \
         {}; an accepted dispute refunds once (`cause` = `dispute:<line>`).\n\
         - the week's window: `open` → `locked`; ordering in a closed week: {}.\n\n",
        code(Canteen::WindowNotOpen.code()),
        code(Canteen::LineRecorded.code()),
        code(Canteen::LineNotPaid.code()),
        code(Canteen::DeliveryByPartner.code()),
        code(Canteen::DisputeExists.code()),
        code(Canteen::DisputeTooLate.code()),
        code(Canteen::DisputeNotDisputable.code()),
        code(Canteen::DisputeAnswered.code()),
        code(Canteen::WindowClosed.code()),
    ));
    out
}
