use argon2::{
    password_hash::{rand_core::OsRng, PasswordHasher, SaltString},
    Argon2,
};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct RegisterRequest {
    email: String,
    password: String,
}

pub async fn register(
    State(pool): State<PgPool>,
    Json(req): Json<RegisterRequest>,
) -> Result<StatusCode, StatusCode> {
    // ruleid: rust-password-hashed-with-fast-hash
    let password_hash = hex::encode(Sha256::digest(req.password.as_bytes()));
    sqlx::query("INSERT INTO users (email, password_hash) VALUES ($1, $2)")
        .bind(&req.email)
        .bind(&password_hash)
        .execute(&pool)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(StatusCode::CREATED)
}

pub fn hash_with_salt(password: &str, salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    // ruleid: rust-password-hashed-with-fast-hash
    hasher.update(password.as_bytes());
    format!("{}${}", salt, hex::encode(hasher.finalize()))
}

pub fn legacy_check(stored: &str, password: &str) -> bool {
    // ruleid: rust-password-hashed-with-fast-hash
    let digest = md5::compute(password);
    format!("{:x}", digest) == stored
}

pub fn create_user(conn: &rusqlite::Connection, username: &str, password: &str) -> rusqlite::Result<usize> {
    // ruleid: rust-password-hashed-with-fast-hash
    let digest = Sha256::digest(password.as_bytes());
    let hash = format!("{:x}", digest);
    conn.execute(
        "INSERT INTO users (username, password_hash) VALUES (?1, ?2)",
        rusqlite::params![username, hash],
    )
}

/// Answer to PostgreSQL's AuthenticationMD5Password challenge (the wire protocol mandates MD5).
pub fn pg_md5_response(username: &str, password: &str, salt: [u8; 4]) -> String {
    let mut md5 = md5::Md5::new();
    // ok: rust-password-hashed-with-fast-hash
    md5.update(password.as_bytes());
    md5.update(username.as_bytes());
    let inner = format!("{:x}", md5.finalize_reset());
    md5.update(inner.as_bytes());
    md5.update(salt);
    format!("md5{:x}", md5.finalize())
}

pub fn api_password_hash(password: &str) -> String {
    // Calls inside macro arguments are token trees; `$ARG` binds single tokens there.
    // todoruleid: rust-password-hashed-with-fast-hash
    format!("{:x}", Sha256::digest(password.as_bytes()))
}

pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    // ok: rust-password-hashed-with-fast-hash
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

pub fn file_checksum(contents: &[u8]) -> String {
    // ok: rust-password-hashed-with-fast-hash
    hex::encode(Sha256::digest(contents))
}

pub fn cache_key(user_id: i64, password_hash: &str) -> String {
    // ok: rust-password-hashed-with-fast-hash
    hex::encode(Sha256::digest(format!("{user_id}:{}", password_hash.len())))
}

pub fn etag(body: &str) -> String {
    let mut hasher = Sha256::new();
    // ok: rust-password-hashed-with-fast-hash
    hasher.update(body.as_bytes());
    hex::encode(hasher.finalize())
}
