use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use axum::{extract::Json, http::StatusCode};
use serde::Deserialize;

const FFMPEG: &str = "/usr/bin/ffmpeg";

#[derive(Deserialize)]
pub struct OptimizeRequest {
    tool: String,
    path: String,
}

pub async fn optimize_image(Json(req): Json<OptimizeRequest>) -> Result<String, StatusCode> {
    // ruleid: rust-command-program-from-variable
    let out = Command::new(&req.tool)
        .arg(&req.path)
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn optimize_image_safe(Json(req): Json<OptimizeRequest>) -> Result<String, StatusCode> {
    let program = match req.tool.as_str() {
        "png" => "optipng",
        "jpeg" => "jpegoptim",
        _ => return Err(StatusCode::BAD_REQUEST),
    };
    // An allow-listed `match` still binds a variable; this audit rule lists it for review.
    // todook: rust-command-program-from-variable
    let out = Command::new(program).arg(&req.path).output().map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs the hook configured in `hooks.toml` after each deploy.
pub fn run_post_deploy_hook(hook: &HookConfig, release_dir: &Path) -> std::io::Result<bool> {
    // ruleid: rust-command-program-from-variable
    let status = std::process::Command::new(&hook.command)
        .args(&hook.args)
        .current_dir(release_dir)
        .status()?;
    Ok(status.success())
}

pub async fn run_plugin(plugin_dir: PathBuf, name: String) -> std::io::Result<std::process::Output> {
    let bin = plugin_dir.join(&name);
    // ruleid: rust-command-program-from-variable
    tokio::process::Command::new(bin).stdout(Stdio::piped()).output().await
}

pub fn transcode(input: &Path, output: &Path) -> std::io::Result<()> {
    // ok: rust-command-program-from-variable
    Command::new(FFMPEG).arg("-i").arg(input).arg(output).status()?;
    // ok: rust-command-program-from-variable
    Command::new("ffprobe").arg(output).status()?;
    Ok(())
}

pub fn restart_self() -> std::io::Result<()> {
    // ok: rust-command-program-from-variable
    Command::new(std::env::current_exe()?).arg("--resume").spawn()?;
    Ok(())
}

pub fn cargo_metadata() -> std::io::Result<std::process::Output> {
    // ok: rust-command-program-from-variable
    Command::new(env!("CARGO")).args(["metadata", "--format-version", "1"]).output()
}

pub fn system_git() -> std::io::Result<std::process::Output> {
    // ok: rust-command-program-from-variable
    Command::new(Path::new("/usr/bin/git")).arg("status").output()
}

pub struct HookConfig {
    pub command: String,
    pub args: Vec<String>,
}
