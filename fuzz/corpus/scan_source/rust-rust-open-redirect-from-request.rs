rust
use actix_web::{http::header, web, HttpResponse};
use axum::{extract::Query, response::Redirect};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginParams {
    next: Option<String>,
    user: String,
}

#[derive(Deserialize)]
pub struct Callback {
    code: String,
    state: String,
}

const ALLOWED_TARGETS: [&str; 3] = ["/dashboard", "/settings", "/billing"];

fn redirect_to(target: &str) -> Redirect {
    // ruleid: rust-open-redirect-from-request
    Redirect::to(target)
}

pub async fn login(Query(params): Query<LoginParams>) -> Redirect {
    let next = params.next.clone().unwrap_or_else(|| "/dashboard".to_string());
    redirect_to(&next)
}

pub async fn oauth_callback(Query(cb): Query<Callback>) -> Redirect {
    exchange_code(&cb.code).await;
    // ruleid: rust-open-redirect-from-request
    Redirect::temporary(&cb.state)
}

pub async fn logout(query: web::Query<LoginParams>) -> HttpResponse {
    let target = query.next.clone().unwrap_or_default();
    HttpResponse::Found()
        // ruleid: rust-open-redirect-from-request
        .append_header((header::LOCATION, target))
        .finish()
}

pub async fn login_safe(Query(params): Query<LoginParams>) -> Redirect {
    let next = params.next.clone().unwrap_or_default();
    if !ALLOWED_TARGETS.contains(&next.as_str()) {
        return Redirect::to("/dashboard");
    }
    // ok: rust-open-redirect-from-request
    Redirect::to(&next)
}

pub async fn profile(Query(params): Query<LoginParams>) -> Redirect {
    let user_id = params.user.parse::<u64>().unwrap_or(0);
    // ok: rust-open-redirect-from-request
    Redirect::to(&("/users/".to_string() + &user_id.to_string()))
}

pub async fn home(Query(_params): Query<LoginParams>) -> HttpResponse {
    HttpResponse::Found()
        // ok: rust-open-redirect-from-request
        .append_header((header::LOCATION, "/home"))
        .finish()
}
