use axum::{
    extract::{Query, State},
    http::StatusCode,
    Json,
};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgPool, Postgres, QueryBuilder};

#[derive(Serialize, FromRow)]
pub struct Product {
    id: i64,
    name: String,
    category: String,
    price_cents: i64,
}

#[derive(Deserialize)]
pub struct ProductFilter {
    name: Option<String>,
    category: Option<String>,
    sort: Option<String>,
    limit: Option<i64>,
}

pub async fn search_products(
    State(pool): State<PgPool>,
    Query(filter): Query<ProductFilter>,
) -> Result<Json<Vec<Product>>, StatusCode> {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT id, name, category, price_cents FROM products WHERE 1 = 1");
    if let Some(name) = &filter.name {
        // ruleid: rust-sqlx-query-builder-push-with-format
        qb.push(format!(" AND name ILIKE '%{}%'", name));
    }
    if let Some(category) = &filter.category {
        // ruleid: rust-sqlx-query-builder-push-with-format
        qb.push(&format!(" AND category = '{category}'"));
    }
    let sort = filter.sort.clone().unwrap_or_else(|| "name".into());
    // ruleid: rust-sqlx-query-builder-push-with-format
    qb.push(format!(" ORDER BY {} ", sort)).push("ASC");
    // ok: rust-sqlx-query-builder-push-with-format
    qb.push(format!(" LIMIT {}", filter.limit.unwrap_or(50)));
    let products = qb
        .build_query_as::<Product>()
        .fetch_all(&pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(products))
}

pub async fn search_products_safe(
    State(pool): State<PgPool>,
    Query(filter): Query<ProductFilter>,
) -> Result<Json<Vec<Product>>, StatusCode> {
    let mut qb = QueryBuilder::<Postgres>::new("SELECT id, name, category, price_cents FROM products WHERE 1 = 1");
    if let Some(name) = &filter.name {
        // ok: rust-sqlx-query-builder-push-with-format
        qb.push(" AND name ILIKE ").push_bind(format!("%{name}%"));
    }
    if let Some(category) = &filter.category {
        // ok: rust-sqlx-query-builder-push-with-format
        qb.push(" AND category = ").push_bind(category.clone());
    }
    let products = qb
        .build_query_as::<Product>()
        .fetch_all(&pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(products))
}

fn add_owner_filter(qb: &mut QueryBuilder<'_, Postgres>, owner: &str) {
    // ruleid: rust-sqlx-query-builder-push-with-format
    qb.push(format!(" AND owner = '{}'", owner));
}

pub fn tag_list(tags: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags {
        // ok: rust-sqlx-query-builder-push-with-format
        out.push(format!("#{}", tag));
    }
    out
}
