use aes_gcm::{
    aead::{generic_array::GenericArray, Aead, AeadCore, KeyInit, OsRng},
    Aes256Gcm, Nonce,
};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

pub struct Vault {
    cipher: Aes256Gcm,
}

impl Vault {
    pub fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
        // ruleid: rust-aead-nonce-hardcoded
        let nonce = Nonce::from_slice(b"unique nonce");
        self.cipher.encrypt(nonce, plaintext)
    }

    pub fn seal_zero(&self, plaintext: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
        // ruleid: rust-aead-nonce-hardcoded
        self.cipher.encrypt(GenericArray::from_slice(&[0u8; 12]), plaintext)
    }

    pub fn seal_random(&self, plaintext: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
        // ok: rust-aead-nonce-hardcoded
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        out.extend(self.cipher.encrypt(&nonce, plaintext)?);
        Ok(out)
    }

    pub fn open(&self, data: &[u8]) -> Result<Vec<u8>, aes_gcm::Error> {
        let (nonce, ciphertext) = data.split_at(12);
        // ok: rust-aead-nonce-hardcoded
        self.cipher.decrypt(Nonce::from_slice(nonce), ciphertext)
    }
}

pub fn seal_x(cipher: &XChaCha20Poly1305, plaintext: &[u8]) -> Result<Vec<u8>, chacha20poly1305::Error> {
    // ruleid: rust-aead-nonce-hardcoded
    let nonce = XNonce::from([0u8; 24]);
    cipher.encrypt(&nonce, plaintext)
}

pub fn encrypt_config(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-aead-nonce-hardcoded
    openssl::symm::encrypt(openssl::symm::Cipher::aes_256_cbc(), key, Some(b"0123456789abcdef"), data)
}

pub fn encrypt_config_random_iv(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut iv = [0u8; 16];
    openssl::rand::rand_bytes(&mut iv)?;
    // ok: rust-aead-nonce-hardcoded
    let mut out = openssl::symm::encrypt(openssl::symm::Cipher::aes_256_cbc(), key, Some(&iv), data)?;
    out.splice(0..0, iv);
    Ok(out)
}
