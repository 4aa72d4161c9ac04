use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslAcceptor, SslMethod, SslVersion};
use reqwest::tls::Version;

pub fn legacy_partner_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ruleid: rust-tls-legacy-protocol-version
        .min_tls_version(Version::TLS_1_0)
        .build()
}

pub fn partner_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ok: rust-tls-legacy-protocol-version
        .min_tls_version(Version::TLS_1_2)
        .build()
}

pub fn connector() -> native_tls::Result<TlsConnector> {
    let mut builder = TlsConnector::builder();
    // ruleid: rust-tls-legacy-protocol-version
    builder.min_protocol_version(Some(Protocol::Tlsv10));
    builder.build()
}

pub fn acceptor(cert: &str, key: &str) -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut builder = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())?;
    builder.set_private_key_file(key, openssl::ssl::SslFiletype::PEM)?;
    builder.set_certificate_chain_file(cert)?;
    // ruleid: rust-tls-legacy-protocol-version
    builder.set_min_proto_version(Some(SslVersion::TLS1_1))?;
    Ok(builder.build())
}

pub fn acceptor_modern(cert: &str, key: &str) -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut builder = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())?;
    builder.set_private_key_file(key, openssl::ssl::SslFiletype::PEM)?;
    builder.set_certificate_chain_file(cert)?;
    // ok: rust-tls-legacy-protocol-version
    builder.set_min_proto_version(Some(SslVersion::TLS1_2))?;
    Ok(builder.build())
}

pub fn connector_modern() -> native_tls::Result<TlsConnector> {
    let mut builder = TlsConnector::builder();
    // ok: rust-tls-legacy-protocol-version
    builder.min_protocol_version(Some(Protocol::Tlsv12));
    builder.build()
}
