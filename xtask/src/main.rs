//! `cargo xtask <command>`: see [`xtask::USAGE`].

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    xtask::main(&args)
}
