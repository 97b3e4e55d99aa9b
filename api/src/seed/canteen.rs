//! Demo canteen and accounts: the catalogue (`catalogue.rs`) in every establishment, a few
//! recent price changes, the open ordering window, and money on every detainee's account.

use shared_types::accounts::{EntryKind, IncomeKind, Part, SplitRules};
use sqlx::Row;

use super::bulk::{Rows, Value};
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

/// The catalogue's rows, written in a few multi-row statements.
struct Catalogue {
    products: Rows,
    price_changes: Rows,
}

impl Catalogue {
    fn new() -> Self {
        Self {
            products: Rows::new(
                "canteen_products (id, establishment_id, category_id, name, unit, price_cents, \
                 max_per_order, available, only_legal_status, only_regime, created_at, updated_at)",
                12,
            ),
            price_changes: Rows::new(
                "canteen_price_changes (id, product_id, old_price_cents, new_price_cents, changed_at)",
                5,
            ),
        }
    }

    fn add(&mut self, establishment_id: &str, p: &NewProduct<'_>, at: i64) {
        let id = new_id();
        self.products.push(vec![
            Value::Text(id.clone()),
            Value::Text(establishment_id.to_owned()),
            Value::Text(p.category.to_owned()),
            Value::Text(p.name.to_owned()),
            Value::Text(p.unit.to_owned()),
            Value::Int(p.price),
            Value::Int(p.max),
            Value::Int(i64::from(p.available)),
            Value::NullableText(None),
            Value::NullableText(p.regime.map(str::to_owned)),
            Value::Int(at),
            Value::Int(at),
        ]);
        if p.rise {
            // A recent rise, which the tablet shows beside the price.
            self.price_changes.push(vec![
                Value::Text(new_id()),
                Value::Text(id),
                Value::Int(p.price - 10),
                Value::Int(p.price),
                Value::Int(at - 5 * 86_400),
            ]);
        }
    }

    async fn insert(self, tx: &mut Tx) -> ApiResult<()> {
        self.products.insert(tx).await?;
        self.price_changes.insert(tx).await
    }
}

/// Seeds one establishment's catalogue, its settings' default window, and its accounts.
pub async fn seed_establishment(tx: &mut Tx, establishment_id: &str) -> ApiResult<usize> {
    let at = now();
    let mut count = 0;
    let mut catalogue = Catalogue::new();
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
                    catalogue.add(establishment_id, &product, at);
                    count += 1;
                }
            }
        }
    }
    catalogue.insert(tx).await?;
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
                line_id: None,
                cause: None,
                agent_id: None,
                idempotency_key: None,
            },
        )
        .await?;
    }
    Ok(())
}
