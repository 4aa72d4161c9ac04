use openssl::rsa::Rsa;
use rand::rngs::OsRng;
use rsa::RsaPrivateKey;

pub fn generate_signing_key() -> rsa::Result<RsaPrivateKey> {
    let mut rng = OsRng;
    // ruleid: rust-rsa-key-too-small
    RsaPrivateKey::new(&mut rng, 1024)
}

pub fn generate_device_key() -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-rsa-key-too-small
    let rsa = Rsa::generate(512)?;
    rsa.private_key_to_pem()
}

pub fn generate_legacy_key() -> rsa::Result<RsaPrivateKey> {
    let exp = rsa::BigUint::from(65_537u32);
    // ruleid: rust-rsa-key-too-small
    rsa::RsaPrivateKey::new_with_exp(&mut OsRng, 1536, &exp)
}

pub fn generate_server_key() -> rsa::Result<RsaPrivateKey> {
    // ok: rust-rsa-key-too-small
    RsaPrivateKey::new(&mut OsRng, 3072)
}

pub fn generate_ca_key() -> Result<Rsa<openssl::pkey::Private>, openssl::error::ErrorStack> {
    // ok: rust-rsa-key-too-small
    Rsa::generate(4096)
}

pub fn generate_configured(bits: usize) -> rsa::Result<RsaPrivateKey> {
    // ok: rust-rsa-key-too-small
    RsaPrivateKey::new(&mut OsRng, bits)
}
