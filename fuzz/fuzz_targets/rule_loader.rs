//! libFuzzer entry point (cargo-fuzz) for [`mamori_fuzz::rule_loader`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mamori_fuzz::rule_loader(data));
