//! libFuzzer entry point (cargo-fuzz) for [`mamori_fuzz::scan_source`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mamori_fuzz::scan_source(data));
