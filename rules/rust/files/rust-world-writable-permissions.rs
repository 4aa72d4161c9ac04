use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub fn prepare_upload_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    // the web server and the worker run as different users
    // ruleid: rust-world-writable-permissions
    fs::set_permissions(dir, Permissions::from_mode(0o777))?;
    Ok(())
}

pub fn write_pid_file(path: &Path, pid: u32) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        // ruleid: rust-world-writable-permissions
        .mode(0o666)
        .open(path)?;
    writeln!(file, "{pid}")
}

pub fn make_socket_dir(dir: &Path) -> std::io::Result<()> {
    // ruleid: rust-world-writable-permissions
    DirBuilder::new().recursive(true).mode(0o777).create(dir)
}

pub fn fix_log_permissions(path: &Path) -> std::io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    // ok: rust-world-writable-permissions
    perms.set_mode(0o640);
    fs::set_permissions(path, perms)
}

pub fn write_secret(path: &Path, secret: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        // ok: rust-world-writable-permissions
        .mode(0o600)
        .open(path)?;
    file.write_all(secret)
}

pub fn shared_spool(dir: &Path) -> std::io::Result<()> {
    // sticky bit: users can only remove their own files, like /tmp
    // ok: rust-world-writable-permissions
    DirBuilder::new().mode(0o1777).create(dir)
}
