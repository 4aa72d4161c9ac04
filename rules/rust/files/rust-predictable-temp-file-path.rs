use std::fs::{self, File, OpenOptions};
use std::io::Write;

pub fn export_report(user_id: u64, csv: &str) -> std::io::Result<String> {
    let path = format!("/tmp/report-{}.csv", user_id);
    // ruleid: rust-predictable-temp-file-path
    let mut file = File::create("/tmp/report.csv")?;
    file.write_all(csv.as_bytes())?;
    // ruleid: rust-predictable-temp-file-path
    fs::write(format!("/tmp/report-{}.csv", user_id), csv)?;
    Ok(path)
}

pub fn lock_file() -> std::io::Result<File> {
    // ruleid: rust-predictable-temp-file-path
    let path = std::env::temp_dir().join("myapp.lock");
    File::create(path)
}

pub fn export_report_safe(csv: &str) -> std::io::Result<tempfile::TempPath> {
    // ok: rust-predictable-temp-file-path
    let mut file = tempfile::NamedTempFile::new()?;
    file.write_all(csv.as_bytes())?;
    Ok(file.into_temp_path())
}

pub fn lock_file_exclusive() -> std::io::Result<File> {
    // ok: rust-predictable-temp-file-path
    OpenOptions::new().write(true).create_new(true).open("/tmp/myapp.lock")
}

pub fn save_state(state: &[u8]) -> std::io::Result<()> {
    // ok: rust-predictable-temp-file-path
    fs::write("/var/lib/myapp/state.bin", state)
}
