//! The `claimdiff` binary: a thin client of the library.

/// jemalloc rather than the system's allocator: a report holds half a million
/// claims' small strings read on every core, and glibc's per-thread arenas
/// kept the holes the parsing left between them (a fifth of the peak), where
/// jemalloc's size classes reuse them.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Freed pages go back to the system at once rather than after ten seconds:
/// each stage frees its working memory before the next asks for its own, and
/// a run is short, so holding them only adds to the peak. jemalloc reads this
/// C string before `main` (its `malloc_conf`, under the prefix the crate gives
/// its symbols).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &std::ffi::CStr = c"dirty_decay_ms:0,muzzy_decay_ms:0";

fn main() -> std::process::ExitCode {
    claimdiff::cli::main()
}
