//! The `copydesk` binary: everything lives in the library; see `copydesk::cli`.

fn main() -> std::process::ExitCode {
    copydesk::malloc::return_large_blocks();
    copydesk::cli::main()
}
