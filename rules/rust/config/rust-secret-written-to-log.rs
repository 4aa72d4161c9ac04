use tracing::{debug, info};

pub struct Config {
    pub database_url: String,
    pub api_key: String,
    pub jwt_secret: String,
}

pub fn print_config(cfg: &Config) {
    // ruleid: rust-secret-written-to-log
    println!("Using API key: {}", cfg.api_key);
    // ok: rust-secret-written-to-log
    println!("API key configured: {}", !cfg.api_key.is_empty());
}

pub fn connect_upstream(cfg: &Config) {
    // ruleid: rust-secret-written-to-log
    info!(api_key = %cfg.api_key, "connecting to upstream");
    // ok: rust-secret-written-to-log
    info!(api_key_len = cfg.api_key.len(), "connecting to upstream");
}

pub fn login_debug(username: &str, password: &str) {
    // ruleid: rust-secret-written-to-log
    debug!("login attempt {username} / {password}");
    // ok: rust-secret-written-to-log
    debug!("login attempt for {username}");
}

pub fn issued(access_token: &str, expires_in: u64) {
    // ruleid: rust-secret-written-to-log
    tracing::debug!(?access_token, expires_in, "issued token");
    // ok: rust-secret-written-to-log
    tracing::debug!(expires_in, "issued token");
}
