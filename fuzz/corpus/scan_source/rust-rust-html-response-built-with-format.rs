rust
use actix_web::{web, HttpResponse};
use axum::{
    extract::{Path, Query, State},
    response::Html,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SearchQuery {
    q: String,
}

pub async fn search(Query(params): Query<SearchQuery>) -> Html<String> {
    // ruleid: rust-html-response-built-with-format
    Html(format!("<h1>Results for {}</h1><p>No matches.</p>", params.q))
}

pub async fn search_escaped(Query(params): Query<SearchQuery>) -> Html<String> {
    // ok: rust-html-response-built-with-format
    Html(format!(
        "<h1>Results for {}</h1><p>No matches.</p>",
        html_escape::encode_text(&params.q)
    ))
}

pub async fn profile(State(db): State<Db>, Path(user_id): Path<i64>) -> Html<String> {
    let user = db.user(user_id).await;
    // ruleid: rust-html-response-built-with-format
    axum::response::Html(format!(
        r#"<div class="profile"><h2>{name}</h2><p>{bio}</p></div>"#,
        name = user.display_name,
        bio = user.bio
    ))
}

pub async fn comment_page(comment: web::Json<Comment>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // ruleid: rust-html-response-built-with-format
        .body(format!("<article><b>{}</b>: {}</article>", comment.author, comment.text))
}

pub async fn comment_json(comment: web::Json<Comment>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        // ok: rust-html-response-built-with-format
        .body(format!("{{\"author\":{:?}}}", comment.author))
}

pub async fn landing() -> Html<String> {
    // ok: rust-html-response-built-with-format
    Html(format!("<style>body {{ margin: 0 }}</style><h1>Welcome</h1>"))
}

pub async fn landing_static() -> Html<&'static str> {
    // ok: rust-html-response-built-with-format
    Html("<h1>Welcome</h1>")
}

#[derive(Deserialize)]
pub struct Comment {
    author: String,
    text: String,
}
