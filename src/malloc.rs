//! How the process asks glibc's malloc to behave: set once by the binary at
//! start-up, and by the benchmarks, so that they measure what it runs.

/// Has glibc's malloc give every block of 256 KiB or more back to the system
/// when it is freed. Its default threshold for that rises (up to 32 MiB) each
/// time a large block is freed, after which the large working sets the
/// rules build one after another on a long document (token streams, k-gram
/// tables, shingle indexes) stay resident once freed: on a 9 MB document the
/// peak was 112 MB instead of 92 MB. Blocks this large are few, so mapping
/// each costs no measurable time. Does nothing on other platforms.
///
/// Call it before starting any other thread.
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets one of malloc's parameters; the caller
    // runs it before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}
