use actix_cors::Cors;
use actix_web::{http::header, web, App, HttpServer};
use axum::{http::HeaderValue, http::Method, routing::get, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub async fn run_actix() -> std::io::Result<()> {
    HttpServer::new(|| {
        // ruleid: rust-cors-any-origin-with-credentials
        let cors = Cors::permissive();
        App::new().wrap(cors).route("/api/me", web::get().to(me))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}

pub fn actix_cors_dev() -> Cors {
    Cors::default()
        .allow_any_origin()
        .allowed_methods(vec!["GET", "POST", "PUT", "DELETE"])
        .allowed_headers(vec![header::AUTHORIZATION, header::CONTENT_TYPE])
        // ruleid: rust-cors-any-origin-with-credentials
        .supports_credentials()
        .max_age(3600)
}

pub fn actix_cors_reflect() -> Cors {
    Cors::default()
        .allowed_origin_fn(|_origin, _req_head| true)
        // ruleid: rust-cors-any-origin-with-credentials
        .supports_credentials()
}

pub fn actix_cors_safe() -> Cors {
    Cors::default()
        .allowed_origin("https://app.example.com")
        .allowed_methods(vec!["GET", "POST"])
        // ok: rust-cors-any-origin-with-credentials
        .supports_credentials()
}

pub fn actix_cors_subdomains() -> Cors {
    Cors::default()
        // ok: rust-cors-any-origin-with-credentials
        .allowed_origin_fn(|origin, _req_head| origin.as_bytes().ends_with(b".example.com"))
        .supports_credentials()
}

pub fn axum_app() -> Router {
    Router::new()
        .route("/api/me", get(|| async { "me" }))
        // ruleid: rust-cors-any-origin-with-credentials
        .layer(CorsLayer::very_permissive())
}

pub fn axum_cors_mirror() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        // ruleid: rust-cors-any-origin-with-credentials
        .allow_credentials(true)
}

pub fn axum_cors_safe(frontend: &str) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(frontend.parse::<HeaderValue>().expect("valid origin"))
        .allow_methods([Method::GET, Method::POST])
        // ok: rust-cors-any-origin-with-credentials
        .allow_credentials(true)
}

pub fn axum_cors_public() -> CorsLayer {
    // ok: rust-cors-any-origin-with-credentials
    CorsLayer::permissive()
}

async fn me() -> &'static str {
    "me"
}
