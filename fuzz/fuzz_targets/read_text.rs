#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newskg_fuzz::run("read_text", data));
