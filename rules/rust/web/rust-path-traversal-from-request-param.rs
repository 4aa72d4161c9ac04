use std::path::{Path as FsPath, PathBuf};

use actix_files::NamedFile;
use actix_web::{web, HttpRequest};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::Deserialize;

#[derive(Clone)]
pub struct AppState {
    upload_dir: PathBuf,
}

#[derive(Deserialize)]
pub struct FileQuery {
    file: String,
}

pub async fn download(
    State(state): State<AppState>,
    Query(params): Query<FileQuery>,
) -> Result<Vec<u8>, StatusCode> {
    // ruleid: rust-path-traversal-from-request-param
    let bytes = tokio::fs::read(format!("{}/{}", state.upload_dir.display(), params.file))
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(bytes)
}

pub async fn read_note(Path(name): Path<String>) -> Result<String, StatusCode> {
    let path = FsPath::new("/srv/notes").join(&name);
    // ruleid: rust-path-traversal-from-request-param
    let text = std::fs::read_to_string(&path).map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(text)
}

pub async fn delete_upload(State(state): State<AppState>, Path(name): Path<String>) -> StatusCode {
    // ruleid: rust-path-traversal-from-request-param
    match tokio::fs::remove_file(state.upload_dir.join(&name)).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::NOT_FOUND,
    }
}

pub async fn static_file(_req: HttpRequest, path: web::Path<String>) -> actix_web::Result<NamedFile> {
    // ruleid: rust-path-traversal-from-request-param
    Ok(NamedFile::open(format!("./static/{}", path.into_inner()))?)
}

pub async fn upload(Path(name): Path<String>, body: Bytes) -> StatusCode {
    // Inline format! captures are not seen by the pattern (taint rules cover them).
    // todoruleid: rust-path-traversal-from-request-param
    match tokio::fs::write(format!("uploads/{name}"), &body).await {
        Ok(_) => StatusCode::CREATED,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub async fn download_safe(
    State(state): State<AppState>,
    Query(params): Query<FileQuery>,
) -> Result<Vec<u8>, StatusCode> {
    let name = FsPath::new(&params.file).file_name().ok_or(StatusCode::BAD_REQUEST)?;
    // ok: rust-path-traversal-from-request-param
    let bytes = tokio::fs::read(state.upload_dir.join(name)).await.map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(bytes)
}

pub async fn read_note_checked(Path(name): Path<String>) -> Result<String, StatusCode> {
    let base = FsPath::new("/srv/notes");
    let path = base.join(&name).canonicalize().map_err(|_| StatusCode::NOT_FOUND)?;
    if !path.starts_with(base) {
        return Err(StatusCode::FORBIDDEN);
    }
    // ok: rust-path-traversal-from-request-param
    let text = std::fs::read_to_string(&path).map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(text)
}

pub async fn invoice(Path(id): Path<u64>) -> Result<Vec<u8>, StatusCode> {
    // ok: rust-path-traversal-from-request-param
    std::fs::read(format!("/srv/invoices/{}.pdf", id)).map_err(|_| StatusCode::NOT_FOUND)
}

pub async fn logo() -> Result<Vec<u8>, StatusCode> {
    // ok: rust-path-traversal-from-request-param
    tokio::fs::read("assets/logo.png").await.map_err(|_| StatusCode::NOT_FOUND)
}
