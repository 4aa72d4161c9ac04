use std::mem::{self, MaybeUninit};

#[repr(C)]
pub struct Header {
    pub magic: u32,
    pub len: u32,
    pub name: String,
}

pub fn empty_header() -> Header {
    // ruleid: rust-uninitialized-memory-assumed-init
    let mut header: Header = unsafe { mem::uninitialized() };
    header.magic = 0xCAFE;
    header
}

pub fn fresh_header() -> Header {
    // ruleid: rust-uninitialized-memory-assumed-init
    unsafe { MaybeUninit::<Header>::uninit().assume_init() }
}

pub fn placeholder_name() -> String {
    // ruleid: rust-uninitialized-memory-assumed-init
    let name: String = unsafe { mem::zeroed() };
    name
}

pub fn stat_buffer() -> libc::stat {
    // ok: rust-uninitialized-memory-assumed-init
    let st: libc::stat = unsafe { mem::zeroed() };
    st
}

pub fn scratch() -> [MaybeUninit<u8>; 4096] {
    // ok: rust-uninitialized-memory-assumed-init
    let buf: [MaybeUninit<u8>; 4096] = unsafe { MaybeUninit::uninit().assume_init() };
    buf
}

pub fn build_header(magic: u32, len: u32) -> Header {
    let mut header = MaybeUninit::<Header>::uninit();
    let ptr = header.as_mut_ptr();
    unsafe {
        std::ptr::addr_of_mut!((*ptr).magic).write(magic);
        std::ptr::addr_of_mut!((*ptr).len).write(len);
        std::ptr::addr_of_mut!((*ptr).name).write(String::new());
        // ok: rust-uninitialized-memory-assumed-init
        header.assume_init()
    }
}
