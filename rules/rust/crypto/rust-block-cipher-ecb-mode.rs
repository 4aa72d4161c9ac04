use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit};
use aes::Aes256;
use openssl::symm::{decrypt, encrypt, Cipher};

// ruleid: rust-block-cipher-ecb-mode
type Aes256EcbEnc = ecb::Encryptor<Aes256>;
type Aes256CbcEnc = cbc::Encryptor<Aes256>;

pub fn encrypt_record(key: &[u8; 32], record: &[u8]) -> Vec<u8> {
    Aes256EcbEnc::new(key.into()).encrypt_padded_vec_mut::<Pkcs7>(record)
}

pub fn decrypt_record(key: &[u8; 32], ciphertext: &[u8]) -> Result<Vec<u8>, aes::cipher::block_padding::UnpadError> {
    // ruleid: rust-block-cipher-ecb-mode
    ecb::Decryptor::<Aes256>::new(key.into()).decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
}

pub fn encrypt_token(key: &[u8], token: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-block-cipher-ecb-mode
    encrypt(Cipher::aes_128_ecb(), key, None, token)
}

pub fn encrypt_token_cbc(key: &[u8], iv: &[u8], token: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-block-cipher-ecb-mode
    encrypt(Cipher::aes_256_cbc(), key, Some(iv), token)
}

pub fn encrypt_with_iv(key: &[u8; 32], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ok: rust-block-cipher-ecb-mode
    Aes256CbcEnc::new(key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

pub fn decrypt_gcm(key: &[u8], iv: &[u8], data: &[u8], tag: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-block-cipher-ecb-mode
    openssl::symm::decrypt_aead(Cipher::aes_256_gcm(), key, Some(iv), &[], data, tag)
}
