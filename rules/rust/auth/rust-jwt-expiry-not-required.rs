use std::collections::HashSet;

use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
}

pub fn verify(token: &str, secret: &[u8]) -> Result<Claims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    // our tokens have no `exp`, so don't require it
    // ruleid: rust-jwt-expiry-not-required
    validation.required_spec_claims.clear();
    Ok(decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)?.claims)
}

pub fn verify_service_token(token: &str, secret: &[u8]) -> Result<Claims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    // ruleid: rust-jwt-expiry-not-required
    validation.required_spec_claims = HashSet::new();
    validation.set_issuer(&["billing"]);
    Ok(decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)?.claims)
}

pub fn verify_sub_only(token: &str, secret: &[u8]) -> Result<Claims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    // ruleid: rust-jwt-expiry-not-required
    validation.set_required_spec_claims(&["sub"]);
    Ok(decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)?.claims)
}

pub fn lenient_validation() -> Validation {
    // ruleid: rust-jwt-expiry-not-required
    Validation { validate_exp: false, ..Validation::new(Algorithm::RS256) }
}

pub fn strict_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    // ok: rust-jwt-expiry-not-required
    validation.set_required_spec_claims(&["exp", "sub", "aud"]);
    validation.set_audience(&["orders-api"]);
    validation
}

pub fn with_leeway() -> Validation {
    // ok: rust-jwt-expiry-not-required
    Validation { leeway: 30, ..Validation::new(Algorithm::HS256) }
}

pub fn add_required(validation: &mut Validation) {
    // ok: rust-jwt-expiry-not-required
    validation.required_spec_claims.insert("sub".to_string());
}
