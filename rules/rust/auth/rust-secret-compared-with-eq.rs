use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

#[derive(Clone)]
pub struct AppState {
    api_key: String,
    webhook_secret: String,
}

pub async fn require_api_key(State(state): State<AppState>, headers: HeaderMap) -> Result<(), StatusCode> {
    let provided = headers.get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or_default();
    // ruleid: rust-secret-compared-with-eq
    if provided != state.api_key {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(())
}

pub async fn github_webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim_start_matches("sha256=")
        .to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(state.webhook_secret.as_bytes()).unwrap();
    mac.update(&body);
    let expected_signature = hex::encode(mac.finalize().into_bytes());
    // ruleid: rust-secret-compared-with-eq
    if signature == expected_signature {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    }
}

pub fn check_csrf(form_token: &str, session_csrf_token: &str) -> bool {
    // ruleid: rust-secret-compared-with-eq
    form_token == session_csrf_token
}

pub async fn require_api_key_ct(State(state): State<AppState>, headers: HeaderMap) -> Result<(), StatusCode> {
    let provided = headers.get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or_default();
    // ok: rust-secret-compared-with-eq
    let ok: bool = provided.as_bytes().ct_eq(state.api_key.as_bytes()).into();
    if !ok {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(())
}

pub fn config_problems(api_key: &str, secret_len: usize) -> Vec<&'static str> {
    let mut problems = Vec::new();
    // ok: rust-secret-compared-with-eq
    if api_key == "" {
        problems.push("API_KEY is empty");
    }
    // ok: rust-secret-compared-with-eq
    if secret_len == 0 {
        problems.push("SECRET is empty");
    }
    problems
}

pub fn has_key(state: &AppState) -> bool {
    // ok: rust-secret-compared-with-eq
    state.api_key.len() == 32
}
