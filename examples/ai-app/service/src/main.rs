//! Attachment and search service for the notes app, written the way an AI
//! assistant typically writes it. Lines marked FLAW are planted
//! vulnerabilities (see ../../README.md); each has a safe twin nearby.
use std::process::Command;

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::{postgres::PgPoolOptions, PgPool, Row};

#[derive(Clone)]
struct AppState {
    pool: PgPool,
    http: reqwest::Client,
    jwt_key: DecodingKey,
}

#[derive(Deserialize)]
struct SearchParams {
    q: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

async fn search(State(state): State<AppState>, Query(params): Query<SearchParams>) -> Result<Json<Value>, StatusCode> {
    // FLAW: SQL built with format!
    let rows = sqlx::query(&format!("SELECT id, title FROM notes WHERE title ILIKE '%{}%'", params.q))
        .fetch_all(&state.pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let titles: Vec<String> = rows.iter().map(|r| r.get("title")).collect();
    Ok(Json(json!({ "results": titles })))
}

async fn search_safe(State(state): State<AppState>, Query(params): Query<SearchParams>) -> Result<Json<Value>, StatusCode> {
    let rows = sqlx::query("SELECT id, title FROM notes WHERE title ILIKE $1")
        .bind(format!("%{}%", params.q))
        .fetch_all(&state.pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let titles: Vec<String> = rows.iter().map(|r| r.get("title")).collect();
    Ok(Json(json!({ "results": titles })))
}

async fn thumbnail(Path(file): Path<String>) -> Result<Json<Value>, StatusCode> {
    // FLAW: shell command built with format!
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("convert /srv/attachments/{file} -resize 256x256 /srv/thumbs/{file}.png"))
        .status()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "ok": status.success() })))
}

async fn thumbnail_safe(Path(file): Path<String>) -> Result<Json<Value>, StatusCode> {
    let name = std::path::Path::new(&file).file_name().ok_or(StatusCode::BAD_REQUEST)?.to_string_lossy().into_owned();
    let status = Command::new("convert")
        .arg(format!("/srv/attachments/{name}"))
        .args(["-resize", "256x256"])
        .arg(format!("/srv/thumbs/{name}.png"))
        .status()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "ok": status.success() })))
}

async fn whoami(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Result<Json<Value>, StatusCode> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let validation = Validation::new(Algorithm::HS256);
    let data = decode::<Claims>(token, &state.jwt_key, &validation).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(Json(json!({ "sub": data.claims.sub })))
}

async fn scan_url(State(state): State<AppState>, Json(body): Json<Value>) -> Result<Json<Value>, StatusCode> {
    let url = body["url"].as_str().ok_or(StatusCode::BAD_REQUEST)?;
    let status = state.http.head(url).send().await.map_err(|_| StatusCode::BAD_GATEWAY)?.status();
    Ok(Json(json!({ "status": status.as_u16() })))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pool = PgPoolOptions::new().max_connections(5).connect(&std::env::var("DATABASE_URL")?).await?;
    let http = reqwest::Client::builder()
        // FLAW: certificate verification disabled
        .danger_accept_invalid_certs(true)
        .build()?;
    let _strict_http = reqwest::Client::builder().build()?; // safe twin: default verification
    // FLAW: JWT key falls back to a string committed to the repo
    let secret = std::env::var("JWT_SECRET").unwrap_or_else(|_| "local-dev-secret".to_string());
    let jwt_key = DecodingKey::from_secret(secret.as_bytes());
    let _port = std::env::var("PORT").unwrap_or_else(|_| "8080".to_string()); // safe twin: not a secret

    let app = Router::new()
        .route("/search", get(search))
        .route("/search-safe", get(search_safe))
        .route("/thumbnail/:file", post(thumbnail))
        .route("/thumbnail-safe/:file", post(thumbnail_safe))
        .route("/whoami", get(whoami))
        .route("/scan", post(scan_url))
        .with_state(AppState { pool, http, jwt_key });
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, app).await?;
    Ok(())
}
