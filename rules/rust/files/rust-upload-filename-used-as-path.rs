use std::path::PathBuf;

use actix_multipart::Multipart;
use actix_web::{web, Error, HttpResponse};
use axum::{extract::Multipart as AxumMultipart, http::StatusCode};
use futures_util::TryStreamExt;
use tokio::io::AsyncWriteExt;

pub async fn upload(mut multipart: AxumMultipart) -> Result<StatusCode, StatusCode> {
    while let Some(field) = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)? {
        let file_name = field.file_name().unwrap_or("upload.bin").to_string();
        let data = field.bytes().await.map_err(|_| StatusCode::BAD_REQUEST)?;
        // ruleid: rust-upload-filename-used-as-path
        tokio::fs::write(format!("./uploads/{}", file_name), &data)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    }
    Ok(StatusCode::CREATED)
}

pub async fn upload_avatar(mut multipart: AxumMultipart, upload_dir: PathBuf) -> Result<StatusCode, StatusCode> {
    while let Some(field) = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)? {
        let name = field.file_name().unwrap_or_default().to_owned();
        // ruleid: rust-upload-filename-used-as-path
        let path = upload_dir.join(&name);
        let mut file = tokio::fs::File::create(&path).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let data = field.bytes().await.map_err(|_| StatusCode::BAD_REQUEST)?;
        file.write_all(&data).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    }
    Ok(StatusCode::CREATED)
}

pub async fn save_file(mut payload: Multipart) -> Result<HttpResponse, Error> {
    while let Some(mut field) = payload.try_next().await? {
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|f| f.to_string())
            .unwrap_or_default();
        // ruleid: rust-upload-filename-used-as-path
        let mut f = std::fs::File::create(format!("./tmp/{}", filename))?;
        while let Some(chunk) = field.try_next().await? {
            std::io::Write::write_all(&mut f, &chunk)?;
        }
    }
    Ok(HttpResponse::Ok().into())
}

pub async fn upload_uuid(mut multipart: AxumMultipart, upload_dir: PathBuf) -> Result<StatusCode, StatusCode> {
    while let Some(field) = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)? {
        let original = field.file_name().map(str::to_owned);
        let stored = format!("{}.bin", uuid::Uuid::new_v4());
        let data = field.bytes().await.map_err(|_| StatusCode::BAD_REQUEST)?;
        // ok: rust-upload-filename-used-as-path
        tokio::fs::write(upload_dir.join(&stored), &data)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        tracing::info!(?original, stored, "saved upload");
    }
    Ok(StatusCode::CREATED)
}

pub async fn upload_sanitized(mut multipart: AxumMultipart, upload_dir: PathBuf) -> Result<StatusCode, StatusCode> {
    while let Some(field) = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)? {
        let safe_name = sanitize_filename::sanitize(field.file_name().unwrap_or("upload.bin"));
        let data = field.bytes().await.map_err(|_| StatusCode::BAD_REQUEST)?;
        // ok: rust-upload-filename-used-as-path
        tokio::fs::write(upload_dir.join(&safe_name), &data)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    }
    Ok(StatusCode::CREATED)
}

pub async fn save_file_two_steps(mut payload: Multipart) -> Result<HttpResponse, Error> {
    while let Some(mut field) = payload.try_next().await? {
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).unwrap_or("f").to_string();
        let filepath = format!("./tmp/{filename}");
        // Two hops through an inline format! capture: left to the taint rules.
        // todoruleid: rust-upload-filename-used-as-path
        let mut f = web::block(move || std::fs::File::create(filepath)).await??;
        while let Some(chunk) = field.try_next().await? {
            f = web::block(move || std::io::Write::write_all(&mut f, &chunk).map(|_| f)).await??;
        }
    }
    Ok(HttpResponse::Ok().into())
}

pub async fn report_name(mut multipart: AxumMultipart) -> Result<String, StatusCode> {
    let field = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)?.ok_or(StatusCode::BAD_REQUEST)?;
    let name = field.file_name().unwrap_or_default().to_string();
    // ok: rust-upload-filename-used-as-path
    Ok(format!("received {name}"))
}
