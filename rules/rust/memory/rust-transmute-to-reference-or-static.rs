use std::collections::HashMap;
use std::mem;

pub struct Interner {
    names: Vec<String>,
    index: HashMap<&'static str, usize>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> usize {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        self.names.push(name.to_owned());
        let stored: &str = self.names.last().unwrap();
        // ruleid: rust-transmute-to-reference-or-static
        let key: &'static str = unsafe { mem::transmute(stored) };
        self.index.insert(key, self.names.len() - 1);
        self.names.len() - 1
    }
}

pub fn config_value<'a>(raw: &'a str) -> &'static str {
    // ruleid: rust-transmute-to-reference-or-static
    unsafe { std::mem::transmute::<&'a str, &'static str>(raw) }
}

pub fn header_from_ptr(ptr: *const u64) -> &'static u64 {
    // ruleid: rust-transmute-to-reference-or-static
    unsafe { mem::transmute::<*const u64, &'static u64>(ptr) }
}

pub fn float_bits(x: f32) -> u32 {
    // ok: rust-transmute-to-reference-or-static
    unsafe { mem::transmute::<f32, u32>(x) }
}

pub fn to_bytes(x: u32) -> [u8; 4] {
    // ok: rust-transmute-to-reference-or-static
    let bytes: [u8; 4] = unsafe { mem::transmute(x) };
    bytes
}

pub fn leak_config(raw: &str) -> &'static str {
    // ok: rust-transmute-to-reference-or-static
    Box::leak(raw.to_owned().into_boxed_str())
}
