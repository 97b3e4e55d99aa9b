//! Demo canteen and accounts: the catalogue (`catalogue.rs`) in every establishment, a few
//! recent price changes, the open ordering window, and money on every detainee's account.

use shared_types::accounts::{EntryKind, IncomeKind, Part, SplitRules};
use sqlx::Row;

use super::catalogue::{BUDGET_SHELVES, SHELVES};
use crate::accounts::ledger::{self, Operation};
use crate::canteen::windows;
use crate::db::{Tx, new_id, now};
use crate::error::ApiResult;

/// One product to seed.
struct NewProduct<'a> {
    category: &'a str,
    name: &'a str,
    unit: &'a str,
    price: i64,
    max: i64,
    available: bool,
    regime: Option<&'a str>,
    /// Its price rose five days ago.
    rise: bool,
}

async fn insert_product(
    tx: &mut Tx,
    establishment_id: &str,
    p: &NewProduct<'_>,
    at: i64,
) -> ApiResult<()> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO canteen_products (id, establishment_id, category_id, name, unit, \
         price_cents, max_per_order, available, only_legal_status, only_regime, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $10)",
    )
    .bind(&id)
    .bind(establishment_id)
    .bind(p.category)
    .bind(p.name)
    .bind(p.unit)
    .bind(p.price)
    .bind(p.max)
    .bind(i64::from(p.available))
    .bind(p.regime)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    if p.rise {
        // A recent rise, which the tablet shows beside the price.
        sqlx::query(
            "INSERT INTO canteen_price_changes (id, product_id, old_price_cents, \
             new_price_cents, changed_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(p.price - 10)
        .bind(p.price)
        .bind(at - 5 * 86_400)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Seeds one establishment's catalogue, its settings' default window, and its accounts.
pub async fn seed_establishment(tx: &mut Tx, establishment_id: &str) -> ApiResult<usize> {
    let at = now();
    let mut count = 0;
    for (position, (shelf, items)) in SHELVES.iter().enumerate() {
        let category = new_id();
        sqlx::query(
            "INSERT INTO canteen_categories (id, establishment_id, name, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(&category)
        .bind(establishment_id)
        .bind(shelf)
        .bind(position as i64 + 1)
        .execute(&mut **tx)
        .await?;
        for (name, unit, price, max, variants) in *items {
            for (i, variant) in variants.iter().enumerate() {
                let full = if variant.is_empty() {
                    (*name).to_owned()
                } else {
                    format!("{name} — {variant}")
                };
                // Variants of one product differ by a few cents, as on a real price list.
                let price = price + 10 * i as i64;
                // The cooking plate is sold to the trust regime only.
                let regime = (*name == "Plaque de cuisson électrique").then_some("trust");
                let mut offers = vec![(full.clone(), price)];
                if BUDGET_SHELVES.contains(shelf) {
                    // Most groceries also come as a cheaper store brand.
                    offers.push((format!("{full} (premier prix)"), price * 4 / 5));
                }
                for (label, price) in offers {
                    let product = NewProduct {
                        category: &category,
                        name: &label,
                        unit,
                        price,
                        max: *max,
                        available: count % 37 != 36,
                        regime,
                        rise: count % 29 == 3,
                    };
                    insert_product(tx, establishment_id, &product, at).await?;
                    count += 1;
                }
            }
        }
    }
    windows::ensure_open(tx, establishment_id).await?;
    seed_accounts(tx, establishment_id).await?;
    Ok(count)
}

/// Every detainee gets money sent by a relative this month; the amounts vary and stay under
/// the first band, so nothing is levied.
async fn seed_accounts(tx: &mut Tx, establishment_id: &str) -> ApiResult<()> {
    let rows = sqlx::query(
        "SELECT id, registration_number FROM detainees WHERE establishment_id = $1 ORDER BY registration_number",
    )
    .bind(establishment_id)
    .fetch_all(&mut **tx)
    .await?;
    let rules = SplitRules::default();
    for (i, r) in rows.iter().enumerate() {
        let id: String = r.try_get("id")?;
        // The first detainee (Karim Benali in Valmont, the demo's) has 180 €.
        let amount = if i == 0 {
            18_000
        } else {
            2_000 + (i as i64 * 1_733) % 15_000
        };
        let split = rules.split(IncomeKind::FamilyTransfer, amount, 0, 0);
        ledger::post(
            tx,
            Operation {
                detainee_id: &id,
                establishment_id,
                kind: EntryKind::FamilyTransfer,
                label: "Argent envoyé par un proche",
                entries: vec![
                    (Part::Available, split.available_cents),
                    (Part::CivilParties, split.civil_parties_cents),
                    (Part::Savings, split.savings_cents),
                ],
                order_id: None,
                corrects_operation_id: None,
                agent_id: None,
                idempotency_key: None,
            },
        )
        .await?;
    }
    Ok(())
}
