use std::fmt::Write;

use actix_web::{web, HttpResponse};
use rusqlite::{params_from_iter, Connection};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct OrderSearch {
    customer: Option<String>,
    status: Option<String>,
    sort: Option<String>,
    page: Option<u32>,
}

pub async fn list_orders(pool: web::Data<PgPool>, q: web::Query<OrderSearch>) -> HttpResponse {
    let mut sql = String::from("SELECT id, customer, status, total FROM orders WHERE 1=1");
    if let Some(customer) = &q.customer {
        // ruleid: rust-sql-built-with-push-str
        sql.push_str(&format!(" AND customer = '{}'", customer));
    }
    if let Some(status) = &q.status {
        // ruleid: rust-sql-built-with-push-str
        sql += &format!(" AND status = '{status}'");
    }
    if let Some(sort) = &q.sort {
        // ruleid: rust-sql-built-with-push-str
        sql.push_str(&format!(" ORDER BY {}", sort));
    }
    let page = q.page.unwrap_or(0);
    // ok: rust-sql-built-with-push-str
    sql.push_str(&format!(" LIMIT {} OFFSET {}", 20, page * 20));
    match sqlx::query(&sql).fetch_all(pool.get_ref()).await {
        Ok(rows) => HttpResponse::Ok().json(rows.len()),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

pub fn list_orders_sqlite(conn: &Connection, q: &OrderSearch) -> rusqlite::Result<usize> {
    let mut sql = "SELECT COUNT(*) FROM orders WHERE 1=1".to_string();
    let mut args: Vec<String> = Vec::new();
    if let Some(customer) = &q.customer {
        args.push(customer.clone());
        // ok: rust-sql-built-with-push-str
        sql.push_str(&format!(" AND customer = ?{}", args.len()));
    }
    if let Some(status) = &q.status {
        args.push(status.clone());
        // ok: rust-sql-built-with-push-str
        sql.push_str(" AND status = ?");
    }
    conn.query_row(&sql, params_from_iter(args.iter()), |row| row.get(0))
}

pub fn export_path(base: &str, customer: &str) -> String {
    let mut path = String::from("/var/exports");
    // ok: rust-sql-built-with-push-str
    path.push_str(&format!("/{}/{}.csv", base, customer));
    path
}

pub fn report_header(title: &str) -> String {
    let mut out = String::new();
    // ok: rust-sql-built-with-push-str
    let _ = write!(out, "# {}", title);
    out
}
