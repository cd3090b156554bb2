//! Helpers shared by the robustness tests: running the built binary with a deadline and
//! reading what a store holds.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newskg")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a finished run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub seconds: f64,
    /// Peak resident memory of the process in MB, as last sampled from /proc (Linux only).
    pub peak_mb: Option<u64>,
}

impl Run {
    /// The lines of standard error that start with `prefix` and mention `needle`.
    pub fn lines(&self, prefix: &str, needle: &str) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with(prefix) && l.contains(needle))
            .collect()
    }
}

/// A command for the binary with its output sent to files (so a chatty run never blocks
/// on a full pipe).
pub fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(bin());
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// Runs the binary to the end, or kills it and panics after `limit`.
pub fn run_within<I, S>(args: I, limit: Duration) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let cmd = command(args);
    run_cmd_within(cmd, limit)
}

/// Runs the binary with a generous deadline (a hang is a failure, not a stuck test).
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_within(args, Duration::from_secs(300))
}

pub fn run_cmd_within(mut cmd: Command, limit: Duration) -> Run {
    let dir = tempfile::TempDir::new().unwrap();
    let out_path = dir.path().join("stdout");
    let err_path = dir.path().join("stderr");
    cmd.stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("the newskg binary runs");
    let mut peak = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some(mb) = resident_mb(&child) {
            peak = Some(peak.unwrap_or(0).max(mb));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "newskg {:?} did not finish within {} s; stderr:\n{}",
                cmd.get_args().collect::<Vec<_>>(),
                limit.as_secs(),
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
        seconds: started.elapsed().as_secs_f64(),
        peak_mb: peak,
    }
}

/// The peak resident set size the kernel recorded for a running child, in MB.
fn resident_mb(child: &Child) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// `newskg build INPUTS... --store STORE`.
pub fn build(store: &Path, inputs: &[&Path]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("build")];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.push(OsStr::new("--store"));
    args.push(store.as_os_str());
    run(args)
}

/// Runs a SELECT through `newskg query` and returns its rows (CSV, header dropped).
pub fn select(store: &Path, query: &str) -> Vec<Vec<String>> {
    let r = run([
        OsStr::new("query"),
        OsStr::new("--store"),
        store.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("csv"),
        OsStr::new("--query"),
        OsStr::new(query),
    ]);
    assert_eq!(r.code, 0, "query failed: {}", r.stderr);
    csv::Reader::from_reader(r.stdout.as_bytes())
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The ids of the articles in the store.
pub fn article_ids(store: &Path) -> BTreeSet<String> {
    select(
        store,
        "SELECT ?id WHERE { GRAPH ?g { ?g nkg:articleId ?id } }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect()
}

/// The title of each article in the store, by id.
pub fn titles(store: &Path) -> BTreeMap<String, String> {
    select(
        store,
        "SELECT ?id ?t WHERE { GRAPH ?g { ?g nkg:articleId ?id . OPTIONAL { ?g dcterms:title ?t } } }",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect()
}

/// A short article that reports one attack, distinct per `n`.
pub fn article_text(n: usize) -> String {
    let places = [
        "Camp Taji",
        "Ain al-Asad",
        "Erbil",
        "Baghdad",
        "Mosul",
        "Kirkuk",
        "Balad",
    ];
    let place = places[n % places.len()];
    format!(
        "Report {n} on {place}\n\nRockets struck {place} on Monday, killing {} soldiers, officials said. Kataib Hezbollah claimed the attack.\n",
        n % 9 + 1
    )
}

/// Writes `bytes` to `path`, making its folder.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// Whether this process runs as root (which reads files whatever their permissions).
pub fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|u| u == "0"))
        })
        .unwrap_or(false)
}
