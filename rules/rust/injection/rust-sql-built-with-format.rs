use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgPool, Row};

#[derive(Serialize, FromRow)]
pub struct User {
    id: i64,
    email: String,
    name: String,
}

#[derive(Deserialize)]
pub struct Search {
    name: String,
    order_by: Option<String>,
}

pub async fn get_user(State(pool): State<PgPool>, Path(email): Path<String>) -> Result<Json<User>, StatusCode> {
    // ruleid: rust-sql-built-with-format
    let user = sqlx::query_as::<_, User>(&format!("SELECT id, email, name FROM users WHERE email = '{}'", email))
        .fetch_one(&pool)
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(Json(user))
}

pub async fn get_user_safe(State(pool): State<PgPool>, Path(email): Path<String>) -> Result<Json<User>, StatusCode> {
    // ok: rust-sql-built-with-format
    let user = sqlx::query_as::<_, User>("SELECT id, email, name FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&pool)
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(Json(user))
}

pub async fn search_users(State(pool): State<PgPool>, Query(q): Query<Search>) -> Result<Json<Vec<String>>, StatusCode> {
    let order = q.order_by.unwrap_or_else(|| "name".to_string());
    let sql = format!(
        "SELECT name FROM users WHERE name ILIKE '%{}%' ORDER BY {}",
        q.name, order
    );
    // ruleid: rust-sql-built-with-format
    let rows = sqlx::query(&sql)
        .fetch_all(&pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(rows.iter().map(|r| r.get::<String, _>("name")).collect()))
}

pub async fn delete_user(State(pool): State<PgPool>, Path(id): Path<String>) -> StatusCode {
    // ruleid: rust-sql-built-with-format
    match sqlx::query(format!("DELETE FROM users WHERE id = {id}").as_str()).execute(&pool).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub fn mark_read(conn: &Connection, user: &str, note_id: i64) -> rusqlite::Result<usize> {
    // ruleid: rust-sql-built-with-format
    conn.execute(&format!("UPDATE notes SET read = 1 WHERE owner = '{}' AND id = {}", user, note_id), [])
}

pub fn mark_read_safe(conn: &Connection, user: &str, note_id: i64) -> rusqlite::Result<usize> {
    // ok: rust-sql-built-with-format
    conn.execute("UPDATE notes SET read = 1 WHERE owner = ?1 AND id = ?2", params![user, note_id])
}

pub fn count_notes(conn: &Connection, owner: &str) -> rusqlite::Result<i64> {
    let query = format!("SELECT COUNT(*) FROM notes WHERE owner = '{owner}'");
    // ruleid: rust-sql-built-with-format
    conn.query_row(&query, [], |row| row.get(0))
}

pub fn report_path(dir: &str, name: &str) -> String {
    // ok: rust-sql-built-with-format
    format!("{dir}/reports/{name}.csv")
}

pub fn run_job(executor: &JobRunner, name: &str) {
    // ok: rust-sql-built-with-format
    executor.execute(&format!("nightly-{name}"), None);
}

pub fn legacy_search(conn: &mut diesel::PgConnection, term: &str) -> Vec<User> {
    use diesel::RunQueryDsl;
    // ruleid: rust-sql-built-with-format
    diesel::sql_query(format!("SELECT * FROM users WHERE name LIKE '%{term}%'"))
        .load(conn)
        .unwrap_or_default()
}
