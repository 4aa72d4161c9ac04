use actix_web::{http::header::ContentType, web, HttpResponse};
use axum::{extract::Query, response::Html};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Hello {
    name: String,
}

fn page(title: &str, body: &str) -> String {
    let mut html = String::from("<!doctype html><html><head><title>");
    html.push_str(title);
    html.push_str("</title></head><body>");
    html.push_str(body);
    html.push_str("</body></html>");
    html
}

pub async fn hello(Query(q): Query<Hello>) -> Html<String> {
    let body = "<h1>Hello, ".to_string() + &q.name + "!</h1>";
    // ruleid: rust-xss-from-request
    Html(body)
}

pub async fn search(Query(q): Query<Hello>) -> Html<String> {
    let results = page("Search", &("<p>Results for ".to_string() + &q.name + "</p>"));
    // `page` returns its argument inside the HTML (tail expression `html`).
    // ruleid: rust-xss-from-request
    Html(results)
}

pub async fn profile(info: web::Path<String>) -> HttpResponse {
    let bio = "<section class=\"bio\">".to_string() + &info.into_inner() + "</section>";
    HttpResponse::Ok()
        .content_type(ContentType::html())
        // ruleid: rust-xss-from-request
        .body(bio)
}

pub async fn greet(info: web::Query<Hello>) -> HttpResponse {
    let mut out = String::from("<p>Welcome back, ");
    out.push_str(&info.name);
    out.push_str("</p>");
    // ruleid: rust-xss-from-request
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(out)
}

pub async fn banner(Query(q): Query<Hello>) -> Html<String> {
    // ENGINE GAP: taint does not flow through format!(...) arguments.
    // todoruleid: rust-xss-from-request
    Html(format!("<div class=\"banner\">{}</div>", q.name))
}

pub async fn hello_safe(Query(q): Query<Hello>) -> Html<String> {
    let name = html_escape::encode_text(&q.name).to_string();
    // ok: rust-xss-from-request
    Html("<h1>Hello, ".to_string() + &name + "!</h1>")
}

pub async fn greet_text(info: web::Query<Hello>) -> HttpResponse {
    let out = "Welcome back, ".to_string() + &info.name;
    // ok: rust-xss-from-request
    HttpResponse::Ok().content_type("text/plain").body(out)
}

pub async fn about(Query(_q): Query<Hello>) -> Html<&'static str> {
    // ok: rust-xss-from-request
    Html("<h1>About us</h1>")
}
