use std::env;

use axum::{extract::State, http::StatusCode, Json};
use chrono::{Duration, Utc};
use jsonwebtoken::{encode, DecodingKey, EncodingKey, Header};
use serde::{Deserialize, Serialize};

const JWT_SECRET: &[u8] = b"super-secret-jwt-key-change-me";
const ISSUER: &str = "orders-api";

#[derive(Serialize, Deserialize)]
pub struct Claims {
    sub: String,
    iss: String,
    exp: usize,
}

#[derive(Deserialize)]
pub struct LoginRequest {
    username: String,
    password: String,
}

#[derive(Clone)]
pub struct AppState {
    pub encoding_key: EncodingKey,
    pub decoding_key: DecodingKey,
}

pub async fn login(Json(req): Json<LoginRequest>) -> Result<Json<String>, StatusCode> {
    if req.username.is_empty() || req.password.is_empty() {
        return Err(StatusCode::UNAUTHORIZED);
    }
    let claims = Claims {
        sub: req.username,
        iss: ISSUER.to_string(),
        exp: (Utc::now() + Duration::hours(24)).timestamp() as usize,
    };
    // ruleid: rust-jwt-hardcoded-secret
    let token = encode(&Header::default(), &claims, &EncodingKey::from_secret(JWT_SECRET))
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(token))
}

pub async fn login_with_state(State(state): State<AppState>, Json(req): Json<LoginRequest>) -> Result<Json<String>, StatusCode> {
    let claims = Claims { sub: req.username, iss: ISSUER.to_string(), exp: 0 };
    // ok: rust-jwt-hardcoded-secret
    let token = encode(&Header::default(), &claims, &state.encoding_key).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(token))
}

pub fn decoding_key() -> DecodingKey {
    // ruleid: rust-jwt-hardcoded-secret
    DecodingKey::from_secret("my_secret_key".as_bytes())
}

pub fn state_from_env() -> AppState {
    // ruleid: rust-jwt-hardcoded-secret
    let secret = env::var("JWT_SECRET").unwrap_or_else(|_| "dev-secret".to_string());
    AppState {
        encoding_key: EncodingKey::from_secret(secret.as_bytes()),
        decoding_key: DecodingKey::from_secret(secret.as_bytes()),
    }
}

pub fn state_from_env_safe() -> AppState {
    // ok: rust-jwt-hardcoded-secret
    let secret = env::var("JWT_SECRET").expect("JWT_SECRET must be set");
    AppState {
        // ok: rust-jwt-hardcoded-secret
        encoding_key: EncodingKey::from_secret(secret.as_bytes()),
        decoding_key: DecodingKey::from_secret(secret.as_bytes()),
    }
}

pub fn listen_addr() -> String {
    // ok: rust-jwt-hardcoded-secret
    env::var("LISTEN_ADDR").unwrap_or_else(|_| "0.0.0.0:3000".to_string())
}

pub fn signing_key_from_base64() -> EncodingKey {
    // ruleid: rust-jwt-hardcoded-secret
    EncodingKey::from_base64_secret("c2VjcmV0LWtleS1mb3ItdGVzdHM=").expect("valid base64")
}
