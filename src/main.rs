//! The `claimdiff` binary: a thin client of the library.

fn main() -> std::process::ExitCode {
    claimdiff::cli::main()
}
