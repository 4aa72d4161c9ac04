use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use mysql::prelude::Queryable;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement};
use serde::{Deserialize, Serialize};

#[derive(Serialize, FromQueryResult)]
pub struct Article {
    id: i64,
    title: String,
    author: String,
}

#[derive(Deserialize)]
pub struct ArticleQuery {
    author: String,
    limit: Option<u64>,
}

pub async fn articles_by_author(
    State(db): State<DatabaseConnection>,
    Query(q): Query<ArticleQuery>,
) -> Result<Json<Vec<Article>>, StatusCode> {
    // ruleid: rust-sql-raw-api-with-format
    let stmt = Statement::from_string(
        DbBackend::Postgres,
        format!("SELECT id, title, author FROM articles WHERE author = '{}'", q.author),
    );
    let rows = Article::find_by_statement(stmt)
        .all(&db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(rows))
}

pub async fn articles_by_author_safe(
    State(db): State<DatabaseConnection>,
    Query(q): Query<ArticleQuery>,
) -> Result<Json<Vec<Article>>, StatusCode> {
    // ok: rust-sql-raw-api-with-format
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id, title, author FROM articles WHERE author = $1",
        [q.author.clone().into()],
    );
    let rows = Article::find_by_statement(stmt)
        .all(&db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(rows))
}

pub async fn delete_article(State(db): State<DatabaseConnection>, Path(slug): Path<String>) -> StatusCode {
    // ruleid: rust-sql-raw-api-with-format
    match db.execute_unprepared(&format!("DELETE FROM articles WHERE slug = '{slug}'")).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub async fn maintenance(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    // ok: rust-sql-raw-api-with-format
    db.execute_unprepared("VACUUM ANALYZE articles").await?;
    Ok(())
}

pub fn ban_user(conn: &mut mysql::PooledConn, username: &str) -> mysql::Result<()> {
    let sql = format!("UPDATE users SET banned = 1 WHERE username = '{}'", username);
    // ruleid: rust-sql-raw-api-with-format
    conn.query_drop(&sql)?;
    // ok: rust-sql-raw-api-with-format
    conn.exec_drop("DELETE FROM sessions WHERE username = ?", (username,))?;
    Ok(())
}

pub fn recent_logins(conn: &mut mysql::PooledConn, limit: u64) -> mysql::Result<Vec<String>> {
    // ok: rust-sql-raw-api-with-format
    conn.query(format!("SELECT username FROM logins ORDER BY at DESC LIMIT {}", limit))
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Vec<(i32, String)>> {
    use crate::schema::users::dsl::*;
    users
        .select((id, name))
        // ruleid: rust-sql-raw-api-with-format
        .filter(sql::<Bool>(&format!("lower(email) = lower('{}')", email)))
        .load(conn)
}
