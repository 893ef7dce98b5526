#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| medspa_api_fuzz::check("windows", data));
