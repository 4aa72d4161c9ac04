use std::io::Read;
use std::net::TcpStream;

pub fn read_frame(stream: &mut TcpStream, len: usize) -> std::io::Result<Vec<u8>> {
    // ruleid: rust-vec-set-len-on-uninitialized-buffer
    let mut buf = Vec::with_capacity(len);
    unsafe { buf.set_len(len); }
    stream.read_exact(&mut buf)?;
    Ok(buf)
}

pub fn read_chunk(stream: &mut TcpStream, scratch: &mut Vec<u8>, len: usize) -> std::io::Result<usize> {
    // ruleid: rust-vec-set-len-on-uninitialized-buffer
    scratch.clear();
    scratch.reserve(len);
    unsafe { scratch.set_len(len); }
    stream.read(scratch)
}

pub fn alloc_samples(n: usize) -> Vec<f32> {
    // ruleid: rust-vec-set-len-on-uninitialized-buffer
    let mut samples: Vec<f32> = Vec::with_capacity(n);
    unsafe { samples.set_len(n); }
    samples
}

pub fn restore_len(buf: &mut bytes::BytesMut, len: usize) {
    // (the bytes up to `len` were written before; only the capacity grows)
    // ok: rust-vec-set-len-on-uninitialized-buffer
    buf.reserve(1);
    unsafe { buf.set_len(len); }
}

pub fn read_frame_zeroed(stream: &mut TcpStream, len: usize) -> std::io::Result<Vec<u8>> {
    // ok: rust-vec-set-len-on-uninitialized-buffer
    let mut buf = vec![0u8; len];
    stream.read_exact(&mut buf)?;
    Ok(buf)
}

pub fn read_frame_take(stream: &mut TcpStream, len: usize) -> std::io::Result<Vec<u8>> {
    // ok: rust-vec-set-len-on-uninitialized-buffer
    let mut buf = Vec::with_capacity(len);
    stream.take(len as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

pub fn copy_bytes(src: &[u8]) -> Vec<u8> {
    // ok: rust-vec-set-len-on-uninitialized-buffer
    let mut out = Vec::with_capacity(src.len());
    unsafe {
        std::ptr::copy_nonoverlapping(src.as_ptr(), out.as_mut_ptr(), src.len());
        out.set_len(src.len());
    }
    out
}
