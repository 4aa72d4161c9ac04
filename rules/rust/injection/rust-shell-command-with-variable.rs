use std::process::Command;

use axum::{extract::Query, http::StatusCode};
use serde::Deserialize;

const HEALTHCHECK: &str = "curl -fsS http://localhost:8080/health";

#[derive(Deserialize)]
pub struct LogQuery {
    service: String,
    lines: Option<u32>,
}

pub async fn tail_logs(Query(q): Query<LogQuery>) -> Result<String, StatusCode> {
    let mut script = String::from("journalctl --no-pager -u ");
    script.push_str(&q.service);
    script.push_str(" | tail -n ");
    script.push_str(&q.lines.unwrap_or(100).to_string());
    // ruleid: rust-shell-command-with-variable
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn tail_logs_safe(Query(q): Query<LogQuery>) -> Result<String, StatusCode> {
    let lines = q.lines.unwrap_or(100).to_string();
    // ok: rust-shell-command-with-variable
    let out = Command::new("journalctl")
        .args(["--no-pager", "-u", &q.service, "-n", &lines])
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs a task's `run:` line from the project's task file.
pub fn run_task(task: &Task) -> std::io::Result<bool> {
    // ruleid: rust-shell-command-with-variable
    let status = Command::new("bash").args(["-c", task.run.as_str()]).status()?;
    Ok(status.success())
}

pub fn backup_database(db_name: &str, target: &str) -> std::io::Result<()> {
    let cmd = "pg_dump ".to_owned() + db_name + " | gzip > " + target;
    // ruleid: rust-shell-command-with-variable
    Command::new("sh").args(vec!["-c", &cmd]).status()?;
    Ok(())
}

pub fn archive_reports(dir: &str) -> std::io::Result<()> {
    // ruleid: rust-shell-command-with-variable
    Command::new("sh").args(vec!["-c", &format!("tar czf /tmp/reports.tgz {dir}")]).status()?;
    Ok(())
}

pub fn open_in_explorer(path: &str) -> std::io::Result<()> {
    // ruleid: rust-shell-command-with-variable
    Command::new("cmd").args(&["/C", path]).spawn()?;
    Ok(())
}

pub fn health() -> std::io::Result<bool> {
    // ok: rust-shell-command-with-variable
    let fixed = Command::new("sh").arg("-c").arg("df -h / | tail -1").status()?;
    // ok: rust-shell-command-with-variable
    let probe = Command::new("sh").arg("-c").arg(HEALTHCHECK).status()?;
    // ok: rust-shell-command-with-variable
    let listing = Command::new("sh").args(vec!["-c", "ls -la /var/log"]).status()?;
    Ok(fixed.success() && probe.success() && listing.success())
}

pub fn deploy(branch: &str) -> std::io::Result<()> {
    let script = format!("git checkout {branch} && make deploy");
    // ok: rust-shell-command-with-variable
    Command::new("sh").arg("-c").arg(&script).status()?;
    Ok(())
}

pub struct Task {
    pub name: String,
    pub run: String,
}
