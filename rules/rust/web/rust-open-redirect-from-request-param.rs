use actix_web::{http::header, web, HttpResponse};
use axum::{
    extract::{Form, Query, State},
    http::{header::LOCATION, StatusCode},
    response::{IntoResponse, Redirect},
};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: String,
}

#[derive(Deserialize)]
pub struct NextParam {
    next: Option<String>,
    return_to: String,
}

pub async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<(CookieJar, Redirect), StatusCode> {
    let session = state.auth.login(&form.username, &form.password).await.map_err(|_| StatusCode::UNAUTHORIZED)?;
    let jar = jar.add(Cookie::new("session", session));
    // ruleid: rust-open-redirect-from-request-param
    Ok((jar, Redirect::to(&form.next)))
}

pub async fn logout(Query(params): Query<NextParam>) -> Redirect {
    // ruleid: rust-open-redirect-from-request-param
    Redirect::temporary(params.next.as_deref().unwrap_or("/"))
}

pub async fn sso_callback(Query(params): Query<NextParam>) -> impl IntoResponse {
    // ruleid: rust-open-redirect-from-request-param
    (StatusCode::FOUND, [(LOCATION, params.return_to.clone())])
}

pub async fn actix_login_redirect(query: web::Query<NextParam>) -> HttpResponse {
    HttpResponse::Found()
        // ruleid: rust-open-redirect-from-request-param
        .append_header((header::LOCATION, query.return_to.clone()))
        .finish()
}

pub async fn login_safe(Form(form): Form<LoginForm>) -> Redirect {
    if !form.next.starts_with('/') || form.next.starts_with("//") {
        return Redirect::to("/");
    }
    // ok: rust-open-redirect-from-request-param
    Redirect::to(&form.next)
}

pub async fn logout_safe(Query(params): Query<NextParam>) -> Redirect {
    if is_local_path(&params.return_to) {
        // ok: rust-open-redirect-from-request-param
        return Redirect::to(&params.return_to);
    }
    Redirect::to("/")
}

pub async fn profile_redirect(Query(params): Query<NextParam>) -> Redirect {
    // ok: rust-open-redirect-from-request-param
    Redirect::to(&format!("/users/{}", params.return_to))
}

pub async fn home() -> Redirect {
    // ok: rust-open-redirect-from-request-param
    Redirect::permanent("/dashboard")
}

fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.contains('\\')
}

#[derive(Clone)]
pub struct AppState {
    auth: AuthService,
}
