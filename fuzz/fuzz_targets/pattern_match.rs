//! libFuzzer entry point (cargo-fuzz) for [`mamori_fuzz::pattern_match`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mamori_fuzz::pattern_match(data));
