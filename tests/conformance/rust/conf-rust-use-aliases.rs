use std::process::Command;
use std::process::Command as Cmd;
fn f(x: &str) {
    // ruleid: conf-rust-use-aliases
    Command::new(x);
    // ruleid: conf-rust-use-aliases
    Cmd::new(x);
    // ruleid: conf-rust-use-aliases
    std::process::Command::new(x);
    // ok: conf-rust-use-aliases
    other::Command::new(x);
}
