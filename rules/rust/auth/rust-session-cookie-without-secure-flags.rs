use actix_session::{storage::CookieSessionStore, SessionMiddleware};
use actix_web::cookie::Key;
use axum::{extract::State, http::StatusCode, Json};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use tower_sessions::{MemoryStore, SessionManagerLayer};

pub async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    Json(creds): Json<Credentials>,
) -> Result<CookieJar, StatusCode> {
    let token = state.auth.login(&creds).await.map_err(|_| StatusCode::UNAUTHORIZED)?;
    let cookie = Cookie::build(("session", token))
        .path("/")
        // ruleid: rust-session-cookie-without-secure-flags
        .secure(false)
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    Ok(jar.add(cookie))
}

pub fn refresh_cookie(refresh_token: String) -> Cookie<'static> {
    Cookie::build(("refresh_token", refresh_token))
        .path("/auth/refresh")
        .secure(true)
        // ruleid: rust-session-cookie-without-secure-flags
        .http_only(false)
        .build()
}

pub fn theme_cookie(theme: String) -> Cookie<'static> {
    // The front-end reads this one; it holds no secret.
    Cookie::build(("theme", theme))
        .path("/")
        // ok: rust-session-cookie-without-secure-flags
        .http_only(false)
        .build()
}

pub fn session_cookie(token: String) -> Cookie<'static> {
    Cookie::build(("session", token))
        .path("/")
        // ok: rust-session-cookie-without-secure-flags
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Strict)
        .build()
}

pub fn actix_sessions(key: Key) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        // ruleid: rust-session-cookie-without-secure-flags
        .cookie_secure(false)
        .build()
}

pub fn axum_sessions(store: MemoryStore, production: bool) -> SessionManagerLayer<MemoryStore> {
    // ok: rust-session-cookie-without-secure-flags
    SessionManagerLayer::new(store).with_secure(production)
}

pub fn axum_sessions_dev(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    // ruleid: rust-session-cookie-without-secure-flags
    SessionManagerLayer::new(store).with_secure(false)
}
