use std::collections::HashMap;
use std::process::Command;

use actix_web::{web, HttpRequest, HttpResponse};
use axum::{
    extract::{Json, Path, Query},
    http::StatusCode,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PingParams {
    host: String,
    count: Option<u32>,
}

#[derive(Deserialize)]
pub struct ConvertRequest {
    input: String,
    format: String,
}

const ALLOWED_HOSTS: [&str; 2] = ["db.internal", "cache.internal"];

fn run_shell(script: &str) -> std::io::Result<std::process::Output> {
    // ruleid: rust-command-injection-from-request
    Command::new("sh").arg("-c").arg(script).output()
}

pub async fn ping(Query(params): Query<PingParams>) -> Result<String, StatusCode> {
    let cmd = "ping -c 1 ".to_string() + &params.host;
    let out = run_shell(&cmd).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn convert(Json(req): Json<ConvertRequest>) -> StatusCode {
    let mut script = String::from("convert /uploads/");
    script.push_str(&req.input);
    script.push_str(" /out/result.");
    script.push_str(&req.format);
    // ruleid: rust-command-injection-from-request
    let status = Command::new("bash").args(["-c", &script]).status();
    if status.is_ok() { StatusCode::OK } else { StatusCode::INTERNAL_SERVER_ERROR }
}

pub async fn run_tool(Path(tool): Path<String>) -> String {
    // ruleid: rust-command-injection-from-request
    let out = Command::new(&tool).arg("--version").output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub async fn git_log(query: web::Query<HashMap<String, String>>) -> HttpResponse {
    let branch = query.get("branch").cloned().unwrap_or_default();
    let script = format!("git log --oneline {}", branch);
    // ENGINE GAP: taint does not flow through format!(...) arguments.
    // todoruleid: rust-command-injection-from-request
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    HttpResponse::Ok().body(out.stdout)
}

pub async fn ping_safe(Query(params): Query<PingParams>) -> Result<String, StatusCode> {
    if !ALLOWED_HOSTS.contains(&params.host.as_str()) {
        return Err(StatusCode::BAD_REQUEST);
    }
    // ok: rust-command-injection-from-request
    let out = Command::new("ping").args(["-c", "1", "--", &params.host]).output().unwrap();
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn wait(Query(params): Query<HashMap<String, String>>) -> StatusCode {
    let secs: u64 = params.get("s").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
    // ENGINE GAP: the closure's result replaces the Option's value, and `secs: u64` is
    // numeric, but the receiver's taint is kept through `and_then(|s| ...)`.
    // todook: rust-command-injection-from-request
    let _ = Command::new("sh").arg("-c").arg("sleep ".to_string() + &secs.to_string()).status();
    StatusCode::OK
}

pub async fn nice(Query(params): Query<HashMap<String, String>>) -> StatusCode {
    let level = params.get("level").cloned().unwrap_or_default().parse::<i32>().unwrap_or(10);
    // ok: rust-command-injection-from-request
    let _ = Command::new("sh").arg("-c").arg("renice ".to_string() + &level.to_string()).status();
    StatusCode::OK
}

pub async fn quoted(req: HttpRequest) -> HttpResponse {
    let name = req.match_info().get("name").unwrap_or("world").to_string();
    let quoted = shell_escape::escape(name.into());
    // ok: rust-command-injection-from-request
    let out = Command::new("sh").arg("-c").arg("echo hello ".to_string() + &quoted).output().unwrap();
    HttpResponse::Ok().body(out.stdout)
}

pub async fn uptime(Query(_params): Query<PingParams>) -> String {
    // ok: rust-command-injection-from-request
    let out = Command::new("uptime").output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

struct Sandbox;

impl Sandbox {
    fn get(&self, script: &str) -> std::io::Result<std::process::Output> {
        // Not what `names.get(...)` below calls (a HashMap's `get`).
        // ok: rust-command-injection-from-request
        Command::new("sh").arg("-c").arg(script).output()
    }
}

pub async fn alias(Query(params): Query<HashMap<String, String>>) -> String {
    let names: HashMap<&str, &str> = HashMap::from([("db", "db.internal")]);
    let host = params.get("host").cloned().unwrap_or_default();
    names.get(host.as_str()).copied().unwrap_or("none").to_string()
}

struct Deployer {
    root: String,
}

impl Deployer {
    fn checkout(&self, branch: &str) -> std::io::Result<std::process::Output> {
        let script = "git checkout ".to_string() + branch;
        // ruleid: rust-command-injection-from-request
        Command::new("sh").arg("-c").arg(&script).current_dir(&self.root).output()
    }

    fn deploy(&self, branch: &str) -> bool {
        self.checkout(branch).is_ok()
    }
}

pub async fn deploy(Path(branch): Path<String>) -> StatusCode {
    let d = Deployer { root: "/srv/app".into() };
    if d.deploy(&branch) { StatusCode::OK } else { StatusCode::INTERNAL_SERVER_ERROR }
}
