use std::time::Duration;

use isahc::config::{Configurable, SslOption};
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::authentication::Credentials;
use lettre::SmtpTransport;

pub fn billing_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        // ruleid: rust-client-tls-verification-disabled
        .tls_danger_accept_invalid_certs(true)
        .build()
}

pub fn billing_client_internal_ca(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(ca_pem)?;
    reqwest::Client::builder()
        .add_root_certificate(ca)
        // ok: rust-client-tls-verification-disabled
        .tls_danger_accept_invalid_certs(false)
        .build()
}

pub fn mailer(host: &str, user: String, pass: String) -> Result<SmtpTransport, lettre::transport::smtp::Error> {
    let tls = TlsParameters::builder(host.to_string())
        // ruleid: rust-client-tls-verification-disabled
        .dangerous_accept_invalid_certs(true)
        .build()?;
    Ok(SmtpTransport::relay(host)?
        .tls(Tls::Required(tls))
        .credentials(Credentials::new(user, pass))
        .build())
}

pub fn mailer_safe(host: &str, user: String, pass: String) -> Result<SmtpTransport, lettre::transport::smtp::Error> {
    // ok: rust-client-tls-verification-disabled
    let tls = TlsParameters::builder(host.to_string()).build()?;
    Ok(SmtpTransport::relay(host)?
        .tls(Tls::Required(tls))
        .credentials(Credentials::new(user, pass))
        .build())
}

pub fn ureq_agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        // ruleid: rust-client-tls-verification-disabled
        .disable_verification(true)
        .build();
    ureq::Agent::config_builder().tls_config(tls).build().into()
}

pub fn isahc_get(url: &str) -> Result<isahc::Response<isahc::Body>, isahc::Error> {
    let request = isahc::Request::get(url)
        // ruleid: rust-client-tls-verification-disabled
        .ssl_options(SslOption::DANGER_ACCEPT_INVALID_CERTS)
        .body(())?;
    isahc::send(request)
}

pub fn ureq_agent_configurable(insecure: bool) -> ureq::Agent {
    // ok: rust-client-tls-verification-disabled
    let tls = ureq::tls::TlsConfig::builder().disable_verification(insecure).build();
    ureq::Agent::config_builder().tls_config(tls).build().into()
}
