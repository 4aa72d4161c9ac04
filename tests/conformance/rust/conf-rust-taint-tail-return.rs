use std::process::Command;

fn program_from(arg: String) -> String {
    format!("/usr/bin/{}", arg)
}

fn fixed(_arg: String) -> String {
    String::from("/usr/bin/true")
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let prog = program_from(arg.clone());
    // ruleid: conf-rust-taint-tail-return
    Command::new(prog).status().ok();
    let safe = fixed(arg.clone());
    // ok: conf-rust-taint-tail-return
    Command::new(safe).status().ok();
    let n: u32 = arg.parse::<u32>().unwrap_or(0);
    // ok: conf-rust-taint-tail-return
    Command::new(format!("/bin/{}", n)).status().ok();
}
