//! After the close: what the shop must prepare (consolidation), the orders to deliver, and
//! recording delivery results with their automatic refunds. Shared by the console (publicly
//! managed establishments) and the partner API (delegated management).

use std::collections::BTreeSet;

use shared_types::canteen::delivery::{ConsolidatedLine, DeliveryBatch, refund_for};
use shared_types::canteen::orders::delivered_status;
use shared_types::canteen::partner::DeliveryOrder;
use shared_types::refusals::canteen::Canteen;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;

use super::orders::read;
use super::windows;
use crate::accounts::ledger;
use crate::db::{Db, Tx, now};
use crate::error::{ApiError, ApiResult};
use crate::people::cell_label;

/// The window, if it belongs to the establishment; 404 otherwise.
pub async fn window_of(db: &Db, establishment_id: &str, window_id: &str) -> ApiResult<String> {
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM canteen_windows WHERE id = $1 AND establishment_id = $2",
    )
    .bind(window_id)
    .bind(establishment_id)
    .fetch_optional(&db.pool)
    .await?;
    status.ok_or(ApiError::NotFound)
}

/// Per product, what the locked orders of a window add up to.
pub async fn consolidate(db: &Db, window_id: &str) -> ApiResult<Vec<ConsolidatedLine>> {
    let rows = sqlx::query(
        "SELECT l.product_id, c.name AS category, l.product_name, l.unit, l.unit_price_cents, \
         CAST(SUM(l.quantity) AS BIGINT) AS quantity, CAST(COUNT(*) AS BIGINT) AS orders \
         FROM canteen_order_lines l JOIN canteen_orders o ON o.id = l.order_id \
         JOIN canteen_products p ON p.id = l.product_id \
         JOIN canteen_categories c ON c.id = p.category_id \
         WHERE o.window_id = $1 AND o.status NOT IN ('placed', 'cancelled') \
         GROUP BY l.product_id, c.name, c.position, l.product_name, l.unit, l.unit_price_cents \
         ORDER BY c.position, l.product_name",
    )
    .bind(window_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ConsolidatedLine {
                product_id: r.try_get("product_id")?,
                category: r.try_get("category")?,
                name: r.try_get("product_name")?,
                unit: r.try_get("unit")?,
                unit_price_cents: r.try_get("unit_price_cents")?,
                quantity: u32::try_from(r.try_get::<i64, _>("quantity")?).unwrap_or(u32::MAX),
                orders: u32::try_from(r.try_get::<i64, _>("orders")?).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Quotes a CSV field when it needs it, and defuses spreadsheet formulas.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The consolidation as CSV for a spreadsheet set to French (semicolons, decimal commas).
pub fn to_csv(lines: &[ConsolidatedLine]) -> String {
    let mut out = String::from("rayon;produit;unité;prix unitaire (€);quantité;commandes\r\n");
    for l in lines {
        out.push_str(&format!(
            "{};{};{};{},{:02};{};{}\r\n",
            csv_field(&l.category),
            csv_field(&l.name),
            csv_field(&l.unit),
            l.unit_price_cents / 100,
            l.unit_price_cents % 100,
            l.quantity,
            l.orders
        ));
    }
    out
}

/// The locked orders of a window with their lines, in delivery order (building, cell).
pub async fn orders_to_deliver(db: &Db, window_id: &str) -> ApiResult<Vec<DeliveryOrder>> {
    let rows = sqlx::query(
        "SELECT o.id, o.establishment_id, d.registration_number, d.first_name, d.last_name, \
         d.building, d.wing, d.cell FROM canteen_orders o JOIN detainees d ON d.id = o.detainee_id \
         WHERE o.window_id = $1 AND o.status NOT IN ('placed', 'cancelled') \
         ORDER BY d.building, d.wing, d.cell, d.last_name",
    )
    .bind(window_id)
    .fetch_all(&db.pool)
    .await?;
    let mut orders = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get("id")?;
        let establishment_id: String = r.try_get("establishment_id")?;
        let days = windows::settings(&db.pool, &establishment_id)
            .await?
            .dispute_days;
        let (first, last): (String, String) = (r.try_get("first_name")?, r.try_get("last_name")?);
        let (building, wing, cell): (String, String, String) = (
            r.try_get("building")?,
            r.try_get("wing")?,
            r.try_get("cell")?,
        );
        orders.push(DeliveryOrder {
            lines: read::lines(&db.pool, &id, days).await?,
            order_id: id,
            registration_number: r.try_get("registration_number")?,
            detainee_name: format!("{first} {last}"),
            cell: cell_label(&building, &wing, &cell),
            building,
        });
    }
    Ok(orders)
}

/// How many lines a delivery batch recorded.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Recorded {
    pub recorded: usize,
}

/// Who records a delivery, for the line's trace.
pub enum Recorder<'a> {
    Agent(&'a str),
    Partner(&'a str),
}

/// Records delivery results for lines of the establishment's locked orders. Missing lines and
/// cheaper substitutes are refunded at once; an order whose lines are all recorded reaches
/// delivered, partly delivered or refunded. A line unknown here refuses the whole batch (422);
/// a line recorded already, or whose order is not paid, refuses it with 409 — nothing written.
/// Each line is recorded by a conditional write (`outcome IS NULL`) and its refund is keyed to
/// the line in the ledger, so the same batch sent twice at once refunds once.
pub async fn record(
    tx: &mut Tx,
    establishment_id: &str,
    batch: &DeliveryBatch,
    by: Recorder<'_>,
) -> ApiResult<usize> {
    let recorder = match by {
        Recorder::Agent(id) => format!("agent:{id}"),
        Recorder::Partner(id) => format!("partner:{id}"),
    };
    let at = now();
    let mut touched = BTreeSet::new();
    let mut errors = Vec::new();
    let mut settled_lines = Vec::new();
    for (i, result) in batch.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let row = sqlx::query_as::<_, LineToRecord>(
            "SELECT l.order_id, l.quantity, l.unit_price_cents, l.product_name, l.outcome, \
             o.detainee_id, o.status FROM canteen_order_lines l \
             JOIN canteen_orders o ON o.id = l.order_id \
             WHERE l.id = $1 AND o.establishment_id = $2",
        )
        .bind(&result.line_id)
        .bind(establishment_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(line) = row else {
            errors.push(FieldError::new(
                format!("{field}.line_id"),
                ErrorCode::InvalidFormat,
            ));
            continue;
        };
        if let Some(refusal) = line.refusal() {
            return Err(refusal);
        }
        let quantity = u32::try_from(line.quantity).unwrap_or(0);
        match refund_for(quantity, line.unit_price_cents, result, &field) {
            Ok(settled) => settled_lines.push((result, line, settled)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    for (result, line, settled) in settled_lines {
        let changed = sqlx::query(
            "UPDATE canteen_order_lines SET outcome = $1, delivered_quantity = $2, \
             substitute_name = $3, substitute_price_cents = $4, refund_cents = $5, \
             recorded_at = $6, recorded_by = $7 WHERE id = $8 AND outcome IS NULL \
             AND EXISTS (SELECT 1 FROM canteen_orders o WHERE o.id = canteen_order_lines.order_id \
             AND o.status = 'locked')",
        )
        .bind(result.outcome.code())
        .bind(i64::from(settled.delivered_quantity))
        .bind(result.substitute_name.as_deref().map(str::trim))
        .bind(result.substitute_price_cents)
        .bind(settled.refund_cents)
        .bind(at)
        .bind(&recorder)
        .bind(&result.line_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(line_recorded());
        }
        if settled.refund_cents > 0 {
            let label = format!("Remboursement cantine : {}", line.product_name);
            let cause = format!("delivery:{}", result.line_id);
            ledger::refund(
                tx,
                &line.detainee_id,
                establishment_id,
                ledger::RefundFor {
                    order_id: &line.order_id,
                    line_id: &result.line_id,
                    cause: &cause,
                },
                settled.refund_cents,
                &label,
            )
            .await?;
            sqlx::query(
                "UPDATE canteen_orders SET refunded_cents = refunded_cents + $1 WHERE id = $2",
            )
            .bind(settled.refund_cents)
            .bind(&line.order_id)
            .execute(&mut **tx)
            .await?;
        }
        touched.insert(line.order_id);
    }
    for order_id in &touched {
        settle_if_complete(tx, order_id).await?;
    }
    Ok(batch.lines.len())
}

/// A line as read before its delivery is recorded.
#[derive(sqlx::FromRow)]
struct LineToRecord {
    order_id: String,
    quantity: i64,
    unit_price_cents: i64,
    product_name: String,
    outcome: Option<String>,
    detainee_id: String,
    status: String,
}

impl LineToRecord {
    /// Why this line cannot be recorded now, if it cannot.
    fn refusal(&self) -> Option<ApiError> {
        if self.outcome.is_some() {
            Some(line_recorded())
        } else if self.status != "locked" {
            Some(ApiError::conflict(
                Canteen::LineNotPaid,
                "Cette commande n'est pas (ou plus) à livrer : la semaine n'est pas clôturée, ou \
                 la commande est déjà soldée.",
            ))
        } else {
            None
        }
    }
}

fn line_recorded() -> ApiError {
    ApiError::conflict(
        Canteen::LineRecorded,
        "La livraison de cette ligne est déjà enregistrée : rien n'a été enregistré une seconde \
         fois. Rechargez la liste.",
    )
}

/// Gives an order its final status once every line is recorded.
pub async fn settle_if_complete(tx: &mut Tx, order_id: &str) -> ApiResult<()> {
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM canteen_order_lines WHERE order_id = $1 AND outcome IS NULL",
    )
    .bind(order_id)
    .fetch_one(&mut **tx)
    .await?;
    if open > 0 {
        return Ok(());
    }
    let row = sqlx::query("SELECT total_cents, refunded_cents FROM canteen_orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    let status = delivered_status(row.try_get("total_cents")?, row.try_get("refunded_cents")?);
    sqlx::query(
        "UPDATE canteen_orders SET status = $1, updated_at = $2 WHERE id = $3 \
         AND status IN ('locked', 'delivered', 'partly_delivered', 'refunded')",
    )
    .bind(status.code())
    .bind(now())
    .bind(order_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_french_and_safe_to_open() {
        let line = ConsolidatedLine {
            product_id: "p".into(),
            category: "Épicerie".into(),
            name: "=HYPERLINK(\"x\")".into(),
            unit: "le paquet; 250 g".into(),
            unit_price_cents: 329,
            quantity: 12,
            orders: 9,
        };
        let csv = to_csv(&[line]);
        let row = csv.lines().nth(1).unwrap_or_default();
        assert_eq!(
            row,
            "Épicerie;\"'=HYPERLINK(\"\"x\"\")\";\"le paquet; 250 g\";3,29;12;9"
        );
    }
}
