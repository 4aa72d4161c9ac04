use std::path::PathBuf;
use std::process::Command;

use axum::{extract::Path, extract::Query, http::StatusCode, Json};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct PingParams {
    host: String,
}

pub async fn ping(Query(params): Query<PingParams>) -> Result<Json<Value>, StatusCode> {
    // ruleid: rust-shell-command-with-format
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ping -c 1 {}", params.host))
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "output": String::from_utf8_lossy(&output.stdout) })))
}

pub async fn ping_safe(Query(params): Query<PingParams>) -> Result<Json<Value>, StatusCode> {
    // ok: rust-shell-command-with-format
    let output = Command::new("ping")
        .args(["-c", "1", &params.host])
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "output": String::from_utf8_lossy(&output.stdout) })))
}

pub async fn convert(Path(name): Path<String>) -> Result<Json<Value>, StatusCode> {
    let input = PathBuf::from("/srv/uploads").join(&name);
    let cmd = format!(
        "convert {} -resize 200x200 {}.thumb.png",
        input.display(),
        input.display()
    );
    // ruleid: rust-shell-command-with-format
    let status = Command::new("bash").arg("-c").arg(&cmd).status().map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(json!({ "ok": status.success() })))
}

pub fn archive_logs(service: &str, dest: &str) -> std::io::Result<()> {
    // ruleid: rust-shell-command-with-format
    std::process::Command::new("sh")
        .args(["-c", &format!("journalctl -u {service} | gzip > {dest}")])
        .status()?;
    Ok(())
}

pub fn open_on_windows(path: &str) -> std::io::Result<()> {
    // ruleid: rust-shell-command-with-format
    Command::new("cmd").args(&["/C", &format!("start {}", path)]).spawn()?;
    Ok(())
}

pub fn disk_usage() -> std::io::Result<String> {
    // ok: rust-shell-command-with-format
    let out = Command::new("sh").arg("-c").arg("df -h / | tail -1").output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn git_log(repo: &str) -> std::io::Result<String> {
    // ok: rust-shell-command-with-format
    let out = Command::new("git").arg("-C").arg(format!("{repo}/.")).args(["log", "--oneline"]).output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn tar_dir(dir: &str) -> std::io::Result<()> {
    // todoruleid: rust-shell-command-with-format
    Command::new("sh").args(vec!["-c", &format!("tar czf /tmp/out.tgz {dir}")]).status()?;
    Ok(())
}
