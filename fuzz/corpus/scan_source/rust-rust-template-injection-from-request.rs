rust
use axum::{
    extract::{Json, Query, State},
    response::Html,
};
use serde::Deserialize;
use tera::{Context, Tera};

#[derive(Deserialize)]
pub struct Greeting {
    name: String,
    template: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    tera: Tera,
    hbs: handlebars::Handlebars<'static>,
}

const GREETING: &str = "<h1>Hello {{ name }}</h1>";

pub async fn greet(Query(g): Query<Greeting>) -> Html<String> {
    let source = "<h1>Hello ".to_string() + &g.name + "</h1>";
    // ruleid: rust-template-injection-from-request
    Html(Tera::one_off(&source, &Context::new(), true).unwrap_or_default())
}

pub async fn custom(State(state): State<AppState>, Json(body): Json<Greeting>) -> Html<String> {
    let tpl = body.template.clone().unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("name", &body.name);
    let mut tera = state.tera.clone();
    // ruleid: rust-template-injection-from-request
    Html(tera.render_str(&tpl, &ctx).unwrap_or_default())
}

pub async fn email_preview(State(state): State<AppState>, Json(body): Json<Greeting>) -> Html<String> {
    let layout = body.template.unwrap_or_default();
    let data = serde_json::json!({ "name": "preview" });
    // ruleid: rust-template-injection-from-request
    Html(state.hbs.render_template(&layout, &data).unwrap_or_default())
}

pub async fn greet_safe(Query(g): Query<Greeting>) -> Html<String> {
    let mut ctx = Context::new();
    ctx.insert("name", &g.name);
    // ok: rust-template-injection-from-request
    Html(Tera::one_off(GREETING, &ctx, true).unwrap_or_default())
}

pub async fn greet_file(State(state): State<AppState>, Query(g): Query<Greeting>) -> Html<String> {
    let mut ctx = Context::new();
    ctx.insert("name", &g.name);
    // ok: rust-template-injection-from-request
    Html(state.tera.render("greeting.html", &ctx).unwrap_or_default())
}

pub async fn hbs_safe(State(state): State<AppState>, Json(body): Json<Greeting>) -> Html<String> {
    let data = serde_json::json!({ "name": body.name });
    // ok: rust-template-injection-from-request
    Html(state.hbs.render_template("<p>{{name}}</p>", &data).unwrap_or_default())
}
