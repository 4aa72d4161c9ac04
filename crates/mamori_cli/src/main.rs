//! The `mamori` binary.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match mamori_cli::args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let status = mamori_cli::run(cli, &mut out, &mut err);
    drop(out);
    status.into()
}
