use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

pub fn payments_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        // ruleid: rust-tls-verification-disabled
        .danger_accept_invalid_certs(true)
        .build()
}

pub fn payments_client_safe(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(ca_pem)?;
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .add_root_certificate(ca)
        // ok: rust-tls-verification-disabled
        .danger_accept_invalid_certs(false)
        .build()
}

pub fn legacy_client() -> reqwest::Result<reqwest::blocking::Client> {
    // ruleid: rust-tls-verification-disabled
    let builder = reqwest::blocking::Client::builder().danger_accept_invalid_hostnames(true);
    builder.build()
}

pub fn native_connector() -> native_tls::Result<native_tls::TlsConnector> {
    let mut builder = native_tls::TlsConnector::builder();
    // ruleid: rust-tls-verification-disabled
    builder.danger_accept_invalid_certs(true);
    builder.build()
}

pub fn openssl_connector() -> Result<openssl::ssl::SslConnector, openssl::error::ErrorStack> {
    use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ruleid: rust-tls-verification-disabled
    builder.set_verify(SslVerifyMode::NONE);
    Ok(builder.build())
}

pub fn openssl_connector_safe() -> Result<openssl::ssl::SslConnector, openssl::error::ErrorStack> {
    use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ok: rust-tls-verification-disabled
    builder.set_verify(SslVerifyMode::PEER);
    Ok(builder.build())
}

#[derive(Debug)]
struct NoVerification;

impl ServerCertVerifier for NoVerification {
    // ruleid: rust-tls-verification-disabled
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ECDSA_NISTP256_SHA256, SignatureScheme::RSA_PSS_SHA256]
    }
}

pub fn insecure_rustls_config() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoVerification))
        .with_no_client_auth()
}

pub fn client_from_env(insecure: bool) -> reqwest::Result<reqwest::Client> {
    // ok: rust-tls-verification-disabled
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()
}
