rust
use aes_gcm::{
    aead::{Aead, AeadCore, KeyInit, OsRng},
    Aes256Gcm, Key,
};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const COOKIE_KEY: &[u8] = b"change-me-please-32-bytes-long!!";

pub fn encrypt_ssn(ssn: &str) -> Vec<u8> {
    // ruleid: rust-encryption-key-hardcoded
    let key = Key::<Aes256Gcm>::from_slice(b"an example very very secret key.");
    let cipher = Aes256Gcm::new(key);
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(&nonce, ssn.as_bytes()).expect("encryption failure"));
    out
}

pub fn sign_webhook(body: &[u8]) -> String {
    // ruleid: rust-encryption-key-hardcoded
    let mut mac = HmacSha256::new_from_slice(b"whsec_live_4f9a8b7c").expect("any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn sign_cookie(value: &str) -> String {
    // ruleid: rust-encryption-key-hardcoded
    let mut mac = HmacSha256::new_from_slice(COOKIE_KEY).expect("any key length");
    mac.update(value.as_bytes());
    format!("{}.{}", value, hex::encode(mac.finalize().into_bytes()))
}

pub fn zero_key_cipher() -> Aes256Gcm {
    // ruleid: rust-encryption-key-hardcoded
    Aes256Gcm::new_from_slice(&[0u8; 32]).expect("32 bytes")
}

pub fn cipher_from_env() -> Aes256Gcm {
    let key = hex::decode(std::env::var("DATA_KEY").expect("DATA_KEY must be set")).expect("hex key");
    // ok: rust-encryption-key-hardcoded
    Aes256Gcm::new_from_slice(&key).expect("32-byte key")
}

pub fn webhook_mac(secret: &[u8], body: &[u8]) -> HmacSha256 {
    // ok: rust-encryption-key-hardcoded
    let mut mac = HmacSha256::new_from_slice(secret).expect("any key length");
    mac.update(body);
    mac
}

pub fn fresh_key() -> Aes256Gcm {
    // ok: rust-encryption-key-hardcoded
    let key = Aes256Gcm::generate_key(&mut OsRng);
    Aes256Gcm::new(&key)
}
