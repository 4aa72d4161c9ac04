use std::fs;
use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::{web, HttpRequest};
use axum::{
    extract::{Path as AxumPath, Query},
    http::StatusCode,
};
use serde::Deserialize;

const UPLOAD_DIR: &str = "/srv/app/uploads";

#[derive(Deserialize)]
pub struct Download {
    file: String,
}

fn load_doc(name: &str) -> std::io::Result<String> {
    let path = Path::new("/srv/app/docs").join(name);
    // ruleid: rust-path-traversal-from-request
    fs::read_to_string(path)
}

pub async fn doc(AxumPath(name): AxumPath<String>) -> Result<String, StatusCode> {
    load_doc(&name).map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn download(Query(q): Query<Download>) -> Result<Vec<u8>, StatusCode> {
    let mut path = PathBuf::from(UPLOAD_DIR);
    path.push(&q.file);
    // ruleid: rust-path-traversal-from-request
    tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn delete(q: web::Query<Download>) -> actix_web::HttpResponse {
    let target = UPLOAD_DIR.to_string() + "/" + &q.file;
    // ruleid: rust-path-traversal-from-request
    fs::remove_file(&target).ok();
    actix_web::HttpResponse::NoContent().finish()
}

pub async fn avatar(req: HttpRequest) -> actix_web::Result<NamedFile> {
    let user = req.match_info().get("user").unwrap_or("default");
    // ruleid: rust-path-traversal-from-request
    Ok(NamedFile::open(Path::new("/srv/app/avatars").join(user))?)
}

pub async fn report(Query(q): Query<Download>) -> Result<String, StatusCode> {
    let path = format!("{}/reports/{}", UPLOAD_DIR, q.file);
    // ENGINE GAP: taint does not flow through format!(...) arguments.
    // todoruleid: rust-path-traversal-from-request
    fs::read_to_string(&path).map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn download_safe(Query(q): Query<Download>) -> Result<Vec<u8>, StatusCode> {
    let name = Path::new(&q.file).file_name().ok_or(StatusCode::BAD_REQUEST)?;
    let path = Path::new(UPLOAD_DIR).join(name);
    // ok: rust-path-traversal-from-request
    tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn download_checked(Query(q): Query<Download>) -> Result<Vec<u8>, StatusCode> {
    let full = Path::new(UPLOAD_DIR)
        .join(&q.file)
        .canonicalize()
        .map_err(|_| StatusCode::NOT_FOUND)?;
    if !full.starts_with(UPLOAD_DIR) {
        return Err(StatusCode::FORBIDDEN);
    }
    // ok: rust-path-traversal-from-request
    fs::read(&full).map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn sanitized(Query(q): Query<Download>) -> Result<String, StatusCode> {
    let clean = sanitize_filename::sanitize(&q.file);
    // ok: rust-path-traversal-from-request
    fs::read_to_string(Path::new(UPLOAD_DIR).join(clean)).map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn stats(Query(_q): Query<Download>) -> String {
    // ok: rust-path-traversal-from-request
    fs::read_to_string("/proc/loadavg").unwrap_or_default()
}

pub async fn repo_file(AxumPath((repo, file)): AxumPath<(String, String)>) -> Result<String, StatusCode> {
    let full = Path::new("/srv/git").join(&repo).join(&file);
    // ruleid: rust-path-traversal-from-request
    fs::read_to_string(full).map_err(|_| StatusCode::NOT_FOUND)
}
