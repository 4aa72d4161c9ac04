use axum::{
    extract::{Json, Query, State},
    http::StatusCode,
};
use reqwest::Client;
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
pub struct Preview {
    url: String,
}

#[derive(Deserialize)]
pub struct Webhook {
    callback_url: String,
    event: String,
}

#[derive(Clone)]
pub struct AppState {
    http: Client,
}

const ALLOWED_HOSTS: [&str; 2] = ["api.github.com", "hooks.slack.com"];

async fn fetch_title(client: &Client, link: &str) -> Option<String> {
    // ruleid: rust-ssrf-from-request
    let body = client.get(link).send().await.ok()?.text().await.ok()?;
    body.split("<title>").nth(1)?.split("</title>").next().map(str::to_string)
}

pub async fn preview(State(state): State<AppState>, Query(p): Query<Preview>) -> Json<Option<String>> {
    Json(fetch_title(&state.http, &p.url).await)
}

pub async fn test_webhook(Json(hook): Json<Webhook>) -> StatusCode {
    let client = reqwest::Client::new();
    // ruleid: rust-ssrf-from-request
    match client.post(&hook.callback_url).body(hook.event.clone()).send().await {
        Ok(r) if r.status().is_success() => StatusCode::OK,
        _ => StatusCode::BAD_GATEWAY,
    }
}

pub async fn proxy(Query(p): Query<Preview>) -> Result<Vec<u8>, StatusCode> {
    let target = p.url.trim().to_string();
    // ruleid: rust-ssrf-from-request
    let resp = reqwest::get(&target).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(resp.bytes().await.map_err(|_| StatusCode::BAD_GATEWAY)?.to_vec())
}

pub async fn status(Query(p): Query<Preview>) -> Result<String, StatusCode> {
    let url = format!("http://{}/healthz", p.url);
    // ENGINE GAP: taint does not flow through format!(...) arguments.
    // todoruleid: rust-ssrf-from-request
    let resp = reqwest::get(&url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn preview_safe(Query(p): Query<Preview>) -> Result<String, StatusCode> {
    let parsed = Url::parse(&p.url).map_err(|_| StatusCode::BAD_REQUEST)?;
    if parsed.scheme() != "https" || !ALLOWED_HOSTS.contains(&parsed.host_str().unwrap_or("")) {
        return Err(StatusCode::BAD_REQUEST);
    }
    // ok: rust-ssrf-from-request
    let resp = reqwest::get(parsed).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn repos(Query(p): Query<Preview>) -> Result<String, StatusCode> {
    let client = reqwest::Client::new();
    // ok: rust-ssrf-from-request
    let resp = client.get("https://api.github.com/rate_limit").send().await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    let _ = p.url;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn allowed(Query(p): Query<Preview>) -> Result<String, StatusCode> {
    if !ALLOWED_HOSTS.contains(&p.url.as_str()) {
        return Err(StatusCode::BAD_REQUEST);
    }
    // ENGINE GAP: `Query(p)` parameters are not tainted as variables (the parameter's
    // first identifier is the type `Query`), so the catalogue marks every use of `p` as a
    // source, and an allow-list guard on `p` cannot clean it.
    // todook: rust-ssrf-from-request
    let resp = reqwest::get("https://".to_string() + &p.url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn allowed_copy(Query(p): Query<Preview>) -> Result<String, StatusCode> {
    let host = p.url.clone();
    if !ALLOWED_HOSTS.contains(&host.as_str()) {
        return Err(StatusCode::BAD_REQUEST);
    }
    // ok: rust-ssrf-from-request
    let resp = reqwest::get("https://".to_string() + &host).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    resp.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}
