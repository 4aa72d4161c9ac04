use reqwest::header::AUTHORIZATION;
use serde_json::Value;

pub async fn fetch_orders(client: &reqwest::Client, token: &str) -> reqwest::Result<Value> {
    client
        // ruleid: rust-credentials-over-cleartext-http
        .get("http://api.shop.example.com/v1/orders")
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await
}

pub async fn push_metrics(client: &reqwest::Client, api_key: &str, body: String) -> reqwest::Result<reqwest::Response> {
    // ruleid: rust-credentials-over-cleartext-http
    client.post("http://metrics.example.net/ingest").header("X-Api-Key", api_key).body(body).send().await
}

pub async fn admin_status(client: &reqwest::Client, host: &str, password: &str) -> reqwest::Result<String> {
    client
        // ruleid: rust-credentials-over-cleartext-http
        .get(&format!("http://{}/admin/status", host))
        .basic_auth("admin", Some(password))
        .send()
        .await?
        .text()
        .await
}

pub async fn fetch_orders_tls(client: &reqwest::Client, token: &str) -> reqwest::Result<Value> {
    client
        // ok: rust-credentials-over-cleartext-http
        .get("https://api.shop.example.com/v1/orders")
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await?
        .json()
        .await
}

pub async fn local_sidecar(client: &reqwest::Client, token: &str) -> reqwest::Result<String> {
    client
        // ok: rust-credentials-over-cleartext-http
        .get("http://127.0.0.1:15000/ready")
        .bearer_auth(token)
        .send()
        .await?
        .text()
        .await
}

pub async fn public_page(client: &reqwest::Client) -> reqwest::Result<String> {
    client
        // ok: rust-credentials-over-cleartext-http
        .get("http://example.com/robots.txt")
        .header("Accept", "text/plain")
        .send()
        .await?
        .text()
        .await
}
