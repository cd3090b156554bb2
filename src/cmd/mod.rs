//! One file per subcommand, each a thin `run(args)` over the library.

pub mod ask;
pub mod build;
pub mod export;
pub mod extract;
pub mod query;
pub mod stats;

use std::io::Write;

/// Standard output, buffered.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Flushes, treating a closed pipe as the reader having had enough.
pub fn finish(mut out: impl Write) -> anyhow::Result<()> {
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
