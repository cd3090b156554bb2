//! The fuzz targets' bodies live in `tests/support/targets.rs`, shared with the tests that
//! replay saved inputs; the binaries in `fuzz_targets/` hand libFuzzer's bytes to them.

#[path = "../../tests/support/targets.rs"]
mod targets;

pub use targets::{run, TARGETS};
