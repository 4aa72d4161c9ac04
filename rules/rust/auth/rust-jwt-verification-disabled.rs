use axum::{
    async_trait,
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    pub exp: usize,
}

fn bearer(parts: &Parts) -> Result<&str, StatusCode> {
    parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)
}

pub struct AuthUser(pub Claims);

#[async_trait]
impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        let mut validation = Validation::new(Algorithm::HS256);
        // ruleid: rust-jwt-verification-disabled
        validation.insecure_disable_signature_validation();
        let data = decode::<Claims>(token, &DecodingKey::from_secret(&[]), &validation)
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        Ok(AuthUser(data.claims))
    }
}

pub fn verify_token(token: &str, secret: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
    // ok: rust-jwt-verification-disabled
    let validation = Validation::new(Algorithm::HS256);
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?;
    Ok(data.claims)
}

pub fn refresh_claims(token: &str, secret: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    // ruleid: rust-jwt-verification-disabled
    validation.validate_exp = false;
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?;
    Ok(data.claims)
}

pub fn strict_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    // ok: rust-jwt-verification-disabled
    validation.validate_exp = true;
    validation.set_audience(&["orders-api"]);
    validation
}

pub fn user_id_from_token(token: &str) -> Option<String> {
    // ruleid: rust-jwt-verification-disabled
    let data = jsonwebtoken::dangerous_insecure_decode::<Claims>(token).ok()?;
    Some(data.claims.sub)
}

pub fn role_from_token(token: &str) -> Option<String> {
    // ruleid: rust-jwt-verification-disabled
    let data = jsonwebtoken::dangerous::insecure_decode::<Claims>(token).ok()?;
    Some(data.claims.role)
}

pub fn key_id(token: &str) -> Option<String> {
    // ok: rust-jwt-verification-disabled
    jsonwebtoken::decode_header(token).ok()?.kid
}
