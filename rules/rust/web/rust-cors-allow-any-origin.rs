use actix_cors::Cors;
use axum::{
    http::{header, HeaderValue, Method},
    routing::get,
    Router,
};
use tower_http::cors::{Any, CorsLayer};

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/api/orders", get(list_orders))
        // ruleid: rust-cors-allow-any-origin
        .layer(CorsLayer::permissive())
        .with_state(state)
}

pub fn cors_layer() -> CorsLayer {
    CorsLayer::new()
        // ruleid: rust-cors-allow-any-origin
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(Any)
}

pub fn cors_layer_star() -> CorsLayer {
    CorsLayer::new()
        // ruleid: rust-cors-allow-any-origin
        .allow_origin("*".parse::<HeaderValue>().unwrap())
        .allow_methods([Method::GET])
}

pub fn actix_cors() -> Cors {
    Cors::default()
        // ruleid: rust-cors-allow-any-origin
        .allow_any_origin()
        .allow_any_method()
        .allow_any_header()
}

pub fn cors_layer_safe(origins: Vec<HeaderValue>) -> CorsLayer {
    CorsLayer::new()
        // ok: rust-cors-allow-any-origin
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
}

pub fn actix_cors_safe() -> Cors {
    Cors::default()
        // ok: rust-cors-allow-any-origin
        .allowed_origin("https://shop.example.com")
        .allowed_methods(vec!["GET", "POST"])
}

pub fn actix_cors_with_credentials() -> Cors {
    // reported by rust-cors-any-origin-with-credentials instead
    Cors::default()
        // ok: rust-cors-allow-any-origin
        .allow_any_origin()
        .supports_credentials()
}

async fn list_orders() -> &'static str {
    "[]"
}

#[derive(Clone)]
pub struct AppState;
