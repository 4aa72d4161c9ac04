use std::io::Read;
use std::net::TcpStream;

use axum::body::Bytes;

pub fn read_command(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf)?;
    // ruleid: rust-from-utf8-unchecked-on-external-bytes
    Ok(unsafe { String::from_utf8_unchecked(buf) })
}

pub fn read_line(stream: &mut TcpStream) -> std::io::Result<usize> {
    let mut buf = [0u8; 1024];
    let n = stream.read(&mut buf)?;
    // ruleid: rust-from-utf8-unchecked-on-external-bytes
    let line = unsafe { std::str::from_utf8_unchecked(&buf[..n]) };
    Ok(line.len())
}

pub async fn ingest(body: Bytes) -> String {
    // ruleid: rust-from-utf8-unchecked-on-external-bytes
    let text = unsafe { String::from_utf8_unchecked(body.to_vec()) };
    text.to_uppercase()
}

pub fn read_command_checked(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf)?;
    // ok: rust-from-utf8-unchecked-on-external-bytes
    String::from_utf8(buf).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

pub async fn ingest_lossy(body: Bytes) -> String {
    // ok: rust-from-utf8-unchecked-on-external-bytes
    String::from_utf8_lossy(&body).to_uppercase()
}

pub fn hex_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 0xf) as usize]);
    }
    // ok: rust-from-utf8-unchecked-on-external-bytes
    unsafe { String::from_utf8_unchecked(out) }
}
