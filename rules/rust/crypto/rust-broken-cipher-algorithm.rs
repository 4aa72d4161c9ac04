use cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyInit, KeyIvInit, StreamCipher};
use des::TdesEde3;
use openssl::symm::{encrypt, Cipher};
use rc4::Rc4;

// ruleid: rust-broken-cipher-algorithm
type TdesCbcEnc = cbc::Encryptor<TdesEde3>;
type AesCbcEnc = cbc::Encryptor<aes::Aes256>;

pub fn legacy_encrypt(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-broken-cipher-algorithm
    encrypt(Cipher::des_ede3_cbc(), key, Some(iv), data)
}

pub fn obfuscate(key: &[u8; 16], data: &mut [u8]) {
    // ruleid: rust-broken-cipher-algorithm
    let mut rc4 = Rc4::new(key.into());
    rc4.apply_keystream(data);
}

pub fn encrypt_blob(key: &[u8], data: &[u8]) -> Vec<u8> {
    // ruleid: rust-broken-cipher-algorithm
    let bf = blowfish::Blowfish::<byteorder::BigEndian>::new_from_slice(key).expect("key length");
    let _ = bf;
    data.to_vec()
}

pub fn modern_encrypt(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-broken-cipher-algorithm
    encrypt(Cipher::aes_256_cbc(), key, Some(iv), data)
}

pub fn modern_encrypt_rc(key: &[u8; 32], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ok: rust-broken-cipher-algorithm
    AesCbcEnc::new(key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

pub fn stream(key: &[u8; 32], nonce: &[u8; 12], data: &mut [u8]) {
    // ok: rust-broken-cipher-algorithm
    let mut c = chacha20::ChaCha20::new(key.into(), nonce.into());
    c.apply_keystream(data);
}
