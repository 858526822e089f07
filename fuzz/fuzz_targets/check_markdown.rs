//! Markdown: reading + outline + the whole default check.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    copydesk_fuzz::run(data, copydesk::document::Format::Markdown);
});
