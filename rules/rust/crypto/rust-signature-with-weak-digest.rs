use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::sign::{Signer, Verifier};
use openssl::x509::X509Builder;
use rsa::pkcs1v15::SigningKey;
use rsa::RsaPrivateKey;
use sha1::Sha1;
use sha2::Sha256;

pub fn sign_invoice(pkey: &PKey<Private>, invoice: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-signature-with-weak-digest
    let mut signer = Signer::new(MessageDigest::sha1(), pkey)?;
    signer.update(invoice)?;
    signer.sign_to_vec()
}

pub fn self_signed(builder: &mut X509Builder, pkey: &PKey<Private>) -> Result<(), openssl::error::ErrorStack> {
    // ruleid: rust-signature-with-weak-digest
    builder.sign(pkey, MessageDigest::md5())
}

pub fn license_signer(key: RsaPrivateKey) -> SigningKey<Sha1> {
    // ruleid: rust-signature-with-weak-digest
    SigningKey::<Sha1>::new(key)
}

pub fn sign_invoice_sha256(pkey: &PKey<Private>, invoice: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-signature-with-weak-digest
    let mut signer = Signer::new(MessageDigest::sha256(), pkey)?;
    signer.update(invoice)?;
    signer.sign_to_vec()
}

pub fn self_signed_sha256(builder: &mut X509Builder, pkey: &PKey<Private>) -> Result<(), openssl::error::ErrorStack> {
    // ok: rust-signature-with-weak-digest
    builder.sign(pkey, MessageDigest::sha256())
}

pub fn etag(body: &[u8]) -> Result<String, openssl::error::ErrorStack> {
    // ok: rust-signature-with-weak-digest
    let digest = openssl::hash::hash(MessageDigest::sha1(), body)?;
    Ok(hex::encode(digest))
}

pub fn license_signer_sha256(key: RsaPrivateKey) -> SigningKey<Sha256> {
    // ok: rust-signature-with-weak-digest
    SigningKey::<Sha256>::new(key)
}

pub fn verify_legacy(pkey: &PKey<openssl::pkey::Public>, data: &[u8], sig: &[u8]) -> Result<bool, openssl::error::ErrorStack> {
    // ruleid: rust-signature-with-weak-digest
    let mut verifier = Verifier::new(MessageDigest::sha1(), pkey)?;
    verifier.update(data)?;
    verifier.verify(sig)
}
