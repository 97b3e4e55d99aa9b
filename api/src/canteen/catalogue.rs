//! The catalogue: shelves and products per establishment, prices kept as history.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use shared_types::Problem;
use shared_types::canteen::{
    Catalogue, Category, NewCategory, PriceChange, Product, ProductForm, Regime,
};
use shared_types::people::LegalStatus;
use shared_types::refusals::common::Common;
use shared_types::roles::Permission;
use shared_types::{ErrorCode, FieldError};
use sqlx::Row;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::audit;
use crate::auth::agent::CurrentAgent;
use crate::auth::detainee::CurrentDetainee;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::http::client_ip::ClientIp;
use crate::http::json::ApiJson;
use crate::http::params::ApiPath;
use crate::state::AppState;

/// A price change is shown to detainees for this long.
const RECENT: i64 = 30 * 86_400;

/// Console routes of the catalogue (canteen manager).
pub fn agent_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(manage))
        .routes(routes!(add_category))
        .routes(routes!(add_product))
        .routes(routes!(edit_product))
}

/// Detainee-portal route of the catalogue.
pub fn detainee_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(browse))
}

fn product(r: &sqlx::any::AnyRow, changes: &HashMap<String, PriceChange>) -> ApiResult<Product> {
    let id: String = r.try_get("id")?;
    let status: Option<String> = r.try_get("only_legal_status")?;
    let regime: Option<String> = r.try_get("only_regime")?;
    Ok(Product {
        recent_change: changes.get(&id).cloned(),
        id,
        category_id: r.try_get("category_id")?,
        name: r.try_get("name")?,
        unit: r.try_get("unit")?,
        price_cents: r.try_get("price_cents")?,
        max_per_order: u32::try_from(r.try_get::<i64, _>("max_per_order")?).unwrap_or(1),
        available: r.try_get::<i64, _>("available")? != 0,
        only_legal_status: status.as_deref().and_then(LegalStatus::from_code),
        only_regime: regime.as_deref().and_then(Regime::from_code),
    })
}

/// The whole catalogue of an establishment, unavailable products included.
pub async fn load(db: &Db, establishment_id: &str) -> ApiResult<Catalogue> {
    let categories = sqlx::query(
        "SELECT id, name, position FROM canteen_categories WHERE establishment_id = $1 \
         ORDER BY position, name",
    )
    .bind(establishment_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(Category {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            position: u32::try_from(r.try_get::<i64, _>("position")?).unwrap_or(0),
        })
    })
    .collect::<ApiResult<Vec<_>>>()?;
    let mut changes = HashMap::new();
    let rows = sqlx::query(
        "SELECT c.product_id, c.old_price_cents, c.new_price_cents, c.changed_at \
         FROM canteen_price_changes c JOIN canteen_products p ON p.id = c.product_id \
         WHERE p.establishment_id = $1 AND c.changed_at >= $2 ORDER BY c.changed_at",
    )
    .bind(establishment_id)
    .bind(now() - RECENT)
    .fetch_all(&db.pool)
    .await?;
    for r in rows {
        // Ordered by time: the last one written wins.
        changes.insert(
            r.try_get::<String, _>("product_id")?,
            PriceChange {
                at: r.try_get("changed_at")?,
                old_price_cents: r.try_get("old_price_cents")?,
                new_price_cents: r.try_get("new_price_cents")?,
            },
        );
    }
    let products = sqlx::query(
        "SELECT p.id, p.category_id, p.name, p.unit, p.price_cents, p.max_per_order, p.available, \
         p.only_legal_status, p.only_regime FROM canteen_products p \
         JOIN canteen_categories c ON c.id = p.category_id \
         WHERE p.establishment_id = $1 ORDER BY c.position, p.name",
    )
    .bind(establishment_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| product(r, &changes))
    .collect::<ApiResult<Vec<_>>>()?;
    Ok(Catalogue {
        categories,
        products,
    })
}

/// The catalogue as the canteen manager edits it.
#[utoipa::path(get, path = "/establishments/{id}/canteen/catalogue", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    responses((status = 200, body = Catalogue), (status = 403, body = Problem)))]
async fn manage(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ApiPath(establishment_id): ApiPath<String>,
) -> ApiResult<axum::Json<Catalogue>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    Ok(axum::Json(load(&state.db, &establishment_id).await?))
}

/// What the signed-in detainee may buy: available products of their establishment that are
/// not kept to another legal status or regime.
#[utoipa::path(get, path = "/canteen/catalogue", tag = "detainee",
    responses((status = 200, body = Catalogue), (status = 401, body = Problem)))]
async fn browse(
    State(state): State<AppState>,
    detainee: CurrentDetainee,
) -> ApiResult<axum::Json<Catalogue>> {
    let (status, regime) = super::buyer(&state.db, &detainee.id).await?;
    let mut catalogue = load(&state.db, &detainee.establishment_id).await?;
    catalogue.products.retain(|p| {
        p.available
            && shared_types::canteen::may_buy(p.only_legal_status, p.only_regime, status, regime)
    });
    Ok(axum::Json(catalogue))
}

/// Add a shelf.
#[utoipa::path(post, path = "/establishments/{id}/canteen/categories", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = NewCategory,
    responses((status = 201, body = Category), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn add_category(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<NewCategory>,
) -> ApiResult<(StatusCode, axum::Json<Category>)> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM canteen_categories \
         WHERE establishment_id = $1",
    )
    .bind(&establishment_id)
    .fetch_one(&mut *tx)
    .await?;
    let id = new_id();
    let name = form.name.trim();
    let inserted = sqlx::query(
        "INSERT INTO canteen_categories (id, establishment_id, name, position) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (establishment_id, name) DO NOTHING",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(name)
    .bind(position)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::conflict(
            shared_types::refusals::canteen::Canteen::CategoryExists,
            "Ce rayon existe déjà.",
        ));
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.category_added",
        Some(&id),
    )
    .await?;
    tx.commit().await?;
    let category = Category {
        id,
        name: name.to_owned(),
        position: u32::try_from(position).unwrap_or(0),
    };
    Ok((StatusCode::CREATED, axum::Json(category)))
}

async fn check_category(tx: &mut Tx, establishment_id: &str, category_id: &str) -> ApiResult<()> {
    let found =
        sqlx::query("SELECT id FROM canteen_categories WHERE id = $1 AND establishment_id = $2")
            .bind(category_id)
            .bind(establishment_id)
            .fetch_optional(&mut **tx)
            .await?;
    if found.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "category_id",
            ErrorCode::InvalidFormat,
        )]));
    }
    Ok(())
}

async fn read_product(tx: &mut Tx, establishment_id: &str, id: &str) -> ApiResult<Product> {
    let row = sqlx::query(
        "SELECT id, category_id, name, unit, price_cents, max_per_order, available, \
         only_legal_status, only_regime FROM canteen_products WHERE id = $1 AND establishment_id = $2",
    )
    .bind(id)
    .bind(establishment_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    product(&row, &HashMap::new())
}

/// Add a product.
#[utoipa::path(post, path = "/establishments/{id}/canteen/products", tag = "agent",
    params(("id" = String, Path, description = "Establishment id")),
    request_body = ProductForm,
    responses((status = 201, body = Product), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn add_product(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath(establishment_id): ApiPath<String>,
    ApiJson(form): ApiJson<ProductForm>,
) -> ApiResult<(StatusCode, axum::Json<Product>)> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    check_category(&mut tx, &establishment_id, &form.category_id).await?;
    let id = new_id();
    let at = now();
    sqlx::query(
        "INSERT INTO canteen_products (id, establishment_id, category_id, name, unit, price_cents, \
         max_per_order, available, only_legal_status, only_regime, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(&id)
    .bind(&establishment_id)
    .bind(&form.category_id)
    .bind(form.name.trim())
    .bind(form.unit.trim())
    .bind(form.price_cents)
    .bind(i64::from(form.max_per_order))
    .bind(i64::from(form.available))
    .bind(form.only_legal_status.map(LegalStatus::code))
    .bind(form.only_regime.map(Regime::code))
    .bind(at)
    .execute(&mut *tx)
    .await?;
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.product_added",
        Some(&id),
    )
    .await?;
    let created = read_product(&mut tx, &establishment_id, &id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(created)))
}

/// Change a product. A new price is kept in the price history, which detainees see; orders
/// already placed keep the price they were placed at.
#[utoipa::path(put, path = "/establishments/{id}/canteen/products/{product_id}", tag = "agent",
    params(("id" = String, Path, description = "Establishment id"), ("product_id" = String, Path, description = "Product id")),
    request_body = ProductForm,
    responses((status = 200, body = Product), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn edit_product(
    State(state): State<AppState>,
    agent: CurrentAgent,
    ip: ClientIp,
    ApiPath((establishment_id, product_id)): ApiPath<(String, String)>,
    ApiJson(form): ApiJson<ProductForm>,
) -> ApiResult<axum::Json<Product>> {
    agent.require(Permission::ManageCanteen, &establishment_id)?;
    form.validate()?;
    let mut tx = state.db.begin().await?;
    let before = read_product(&mut tx, &establishment_id, &product_id).await?;
    check_category(&mut tx, &establishment_id, &form.category_id).await?;
    let at = now();
    // Conditional on the price read: two edits at once cannot both record a change from it,
    // so the price history stays one chain.
    let changed = sqlx::query(
        "UPDATE canteen_products SET category_id = $1, name = $2, unit = $3, price_cents = $4, \
         max_per_order = $5, available = $6, only_legal_status = $7, only_regime = $8, \
         updated_at = $9 WHERE id = $10 AND price_cents = $11",
    )
    .bind(&form.category_id)
    .bind(form.name.trim())
    .bind(form.unit.trim())
    .bind(form.price_cents)
    .bind(i64::from(form.max_per_order))
    .bind(i64::from(form.available))
    .bind(form.only_legal_status.map(LegalStatus::code))
    .bind(form.only_regime.map(Regime::code))
    .bind(at)
    .bind(&product_id)
    .bind(before.price_cents)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::conflict(
            Common::Stale,
            "Ce produit vient d'être modifié par quelqu'un d'autre : rechargez-le avant de changer \
             son prix.",
        ));
    }
    if before.price_cents != form.price_cents {
        sqlx::query(
            "INSERT INTO canteen_price_changes (id, product_id, old_price_cents, new_price_cents, \
             changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(&product_id)
        .bind(before.price_cents)
        .bind(form.price_cents)
        .bind(&agent.id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    audit::agent_action(
        &mut tx,
        &agent.id,
        ip.0.as_deref(),
        &establishment_id,
        "canteen.product_changed",
        Some(&product_id),
    )
    .await?;
    let after = read_product(&mut tx, &establishment_id, &product_id).await?;
    tx.commit().await?;
    Ok(axum::Json(after))
}
