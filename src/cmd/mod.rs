//! One file per subcommand, each a thin `run(args)` over the library.

pub mod ask;
pub mod build;
pub mod export;
pub mod extract;
pub mod gen_corpus;
pub mod query;
pub mod stats;

use std::io::Write;
use std::time::Duration;

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

/// Ends the process with exit code 2 once `timeout` (and a short grace) has passed.
///
/// The query engine is cancelled cooperatively at the deadline, but it only notices between
/// reads of the store: a join or a sort over rows already in memory can run on. This guard
/// makes `--timeout` a promise the process keeps either way.
pub fn deadline(timeout: Option<Duration>) {
    let Some(timeout) = timeout else {
        return;
    };
    std::thread::spawn(move || {
        std::thread::sleep(timeout.saturating_add(Duration::from_millis(500)));
        eprintln!(
            "newskg: error: query stopped after {} s (--timeout); any results printed are incomplete; narrow the query down or raise the timeout",
            timeout.as_secs_f64()
        );
        std::process::exit(2);
    });
}
