use std::ffi::{c_char, CStr};
use std::slice;

#[repr(C)]
pub struct PacketHeader {
    pub len: u32,
    pub kind: u16,
}

/// Checksum over a buffer handed over by the capture thread.
// ruleid: rust-safe-fn-dereferences-raw-pointer-arg
pub fn checksum(ptr: *const u8, len: usize) -> u32 {
    let data = unsafe { slice::from_raw_parts(ptr, len) };
    data.iter().fold(0u32, |acc, b| acc.wrapping_add(*b as u32))
}

// ruleid: rust-safe-fn-dereferences-raw-pointer-arg
pub fn header_len(header: *const PacketHeader) -> u32 {
    unsafe { (*header).len }
}

// ruleid: rust-safe-fn-dereferences-raw-pointer-arg
pub fn device_name(name: *const c_char) -> String {
    unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned()
}

// ok: rust-safe-fn-dereferences-raw-pointer-arg
pub fn checksum_slice(data: &[u8]) -> u32 {
    data.iter().fold(0u32, |acc, b| acc.wrapping_add(*b as u32))
}

/// # Safety
/// `ptr` must be valid for reads of `len` bytes.
// ok: rust-safe-fn-dereferences-raw-pointer-arg
pub unsafe fn checksum_raw(ptr: *const u8, len: usize) -> u32 {
    checksum_slice(slice::from_raw_parts(ptr, len))
}

#[no_mangle]
// ok: rust-safe-fn-dereferences-raw-pointer-arg
pub extern "C" fn capture_checksum(ptr: *const u8, len: usize) -> u32 {
    if ptr.is_null() {
        return 0;
    }
    checksum_slice(unsafe { slice::from_raw_parts(ptr, len) })
}

// ok: rust-safe-fn-dereferences-raw-pointer-arg
pub fn is_null_header(header: *const PacketHeader) -> bool {
    header.is_null()
}
