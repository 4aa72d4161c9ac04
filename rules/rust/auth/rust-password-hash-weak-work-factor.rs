use argon2::{Algorithm, Argon2, Params, Version};
use pbkdf2::pbkdf2_hmac;
use sha2::Sha256;

pub fn hash_password(password: &str) -> Result<String, bcrypt::BcryptError> {
    // ruleid: rust-password-hash-weak-work-factor
    bcrypt::hash(password, 4)
}

pub fn hash_password_default(password: &str) -> Result<String, bcrypt::BcryptError> {
    // ok: rust-password-hash-weak-work-factor
    bcrypt::hash(password, bcrypt::DEFAULT_COST)
}

pub fn hash_password_strong(password: &str) -> Result<String, bcrypt::BcryptError> {
    // ok: rust-password-hash-weak-work-factor
    bcrypt::hash(password, 12)
}

pub fn argon2_fast() -> Argon2<'static> {
    // ruleid: rust-password-hash-weak-work-factor
    let params = Params::new(1024, 1, 1, None).expect("valid params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn argon2_owasp() -> Argon2<'static> {
    // ok: rust-password-hash-weak-work-factor
    let params = Params::new(19_456, 2, 1, None).expect("valid params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn derive_key(password: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ruleid: rust-password-hash-weak-work-factor
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, 10_000, &mut key);
    key
}

pub fn derive_key_strong(password: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ok: rust-password-hash-weak-work-factor
    pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, 600_000, &mut key);
    key
}
