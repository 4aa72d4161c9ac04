rust
use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use rusqlite::{params, Connection};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Search {
    q: String,
    sort: Option<String>,
}

#[derive(Deserialize)]
pub struct NewComment {
    post_id: i64,
    body: String,
}

const SORT_COLUMNS: [&str; 2] = ["created_at", "title"];

async fn find_posts(pool: &PgPool, where_clause: &str) -> Vec<Post> {
    let sql = "SELECT id, title FROM posts WHERE ".to_owned() + where_clause;
    // ruleid: rust-sql-injection-from-request
    sqlx::query_as::<_, Post>(&sql).fetch_all(pool).await.unwrap_or_default()
}

pub async fn search(State(pool): State<PgPool>, Query(search): Query<Search>) -> Json<Vec<Post>> {
    let clause = "title ILIKE '%".to_string() + &search.q + "%'";
    Json(find_posts(&pool, &clause).await)
}

pub async fn delete_user(State(pool): State<PgPool>, Path(user_id): Path<String>) -> StatusCode {
    let mut sql = String::from("DELETE FROM users WHERE id = ");
    sql.push_str(&user_id);
    // ruleid: rust-sql-injection-from-request
    match sqlx::query(&sql).execute(&pool).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub async fn add_comment(db: web::Data<Db>, form: web::Json<NewComment>) -> HttpResponse {
    let conn = db.conn.lock().unwrap();
    let sql = "INSERT INTO comments (post_id, body) VALUES (".to_string()
        + &form.post_id.to_string()
        + ", '"
        + &form.body
        + "')";
    // ruleid: rust-sql-injection-from-request
    conn.execute(&sql, []).unwrap();
    HttpResponse::Created().finish()
}

pub async fn sorted(State(pool): State<PgPool>, Query(params): Query<HashMap<String, String>>) -> Json<Vec<Post>> {
    let order = params.get("sort").cloned().unwrap_or_default();
    let sql = format!("SELECT id, title FROM posts ORDER BY {}", order);
    // ENGINE GAP: taint does not flow through format!(...) arguments.
    // todoruleid: rust-sql-injection-from-request
    let rows = sqlx::query_as::<_, Post>(&sql).fetch_all(&pool).await.unwrap();
    Json(rows)
}

pub async fn search_safe(State(pool): State<PgPool>, Query(search): Query<Search>) -> Json<Vec<Post>> {
    let pattern = "%".to_string() + &search.q + "%";
    // ok: rust-sql-injection-from-request
    let rows = sqlx::query_as::<_, Post>("SELECT id, title FROM posts WHERE title ILIKE $1")
        .bind(pattern)
        .fetch_all(&pool)
        .await
        .unwrap();
    Json(rows)
}

pub async fn sorted_safe(State(pool): State<PgPool>, Query(search): Query<Search>) -> Json<Vec<Post>> {
    let sort = search.sort.clone().unwrap_or_default();
    if !SORT_COLUMNS.contains(&sort.as_str()) {
        return Json(vec![]);
    }
    let sql = "SELECT id, title FROM posts ORDER BY ".to_string() + &sort;
    // ok: rust-sql-injection-from-request
    Json(sqlx::query_as::<_, Post>(&sql).fetch_all(&pool).await.unwrap())
}

pub async fn delete_note(Path(id): Path<String>) -> StatusCode {
    let conn = Connection::open("notes.db").unwrap();
    // ok: rust-sql-injection-from-request
    conn.execute("DELETE FROM notes WHERE id = ?1", params![id]).unwrap();
    StatusCode::NO_CONTENT
}

pub async fn page(State(pool): State<PgPool>, Query(params): Query<HashMap<String, String>>) -> Json<Vec<Post>> {
    let limit = params.get("limit").cloned().unwrap_or_default().parse::<i64>().unwrap_or(20);
    let sql = "SELECT id, title FROM posts LIMIT ".to_string() + &limit.to_string();
    // ok: rust-sql-injection-from-request
    Json(sqlx::query_as::<_, Post>(&sql).fetch_all(&pool).await.unwrap())
}
