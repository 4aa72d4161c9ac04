use std::net::{Ipv4Addr, SocketAddr};

use actix_web::{web, App, HttpServer};
use axum::{routing::get, Router};

pub async fn serve_axum() -> std::io::Result<()> {
    let app = Router::new().route("/health", get(|| async { "ok" }));
    // ruleid: rust-server-bound-to-all-interfaces
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, app).await
}

pub async fn serve_admin() -> std::io::Result<()> {
    let app = Router::new().route("/admin/reload", get(|| async { "reloaded" }));
    // ruleid: rust-server-bound-to-all-interfaces
    let addr = SocketAddr::from(([0, 0, 0, 0], 9090));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await
}

pub async fn serve_actix() -> std::io::Result<()> {
    HttpServer::new(|| App::new().route("/", web::get().to(|| async { "hi" })))
        // ruleid: rust-server-bound-to-all-interfaces
        .bind(("0.0.0.0", 8080))?
        .run()
        .await
}

pub async fn serve_local() -> std::io::Result<()> {
    let app = Router::new().route("/health", get(|| async { "ok" }));
    // ok: rust-server-bound-to-all-interfaces
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, app).await
}

pub async fn serve_configured(bind_addr: &str) -> std::io::Result<()> {
    let app = Router::new().route("/health", get(|| async { "ok" }));
    // ok: rust-server-bound-to-all-interfaces
    let listener = tokio::net::TcpListener::bind(bind_addr).await?;
    axum::serve(listener, app).await
}

pub fn metrics_addr() -> SocketAddr {
    // ok: rust-server-bound-to-all-interfaces
    SocketAddr::from((Ipv4Addr::LOCALHOST, 9100))
}
