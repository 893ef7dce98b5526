//! The project's commands, run as `cargo xtask <command>` (see `.cargo/config.toml`).
//!
//! `demo` builds every package and serves `www/`; `test` installs what is missing and runs every
//! suite; `size` checks the .wasm files against `size-budgets.txt`; `build` only builds.

#![allow(clippy::print_stdout, reason = "a command-line tool reports on stdout")]

mod bench;
mod fuzz;
mod packages;
mod serve;
mod size;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  demo [--port N]        build every plugin and serve www/ on http://127.0.0.1:8080
  test                   install what is missing, then run every test suite
  build [--dev] [NAME…]  build the npm packages into build/packages (all by default)
  size                   raw and gzipped .wasm sizes against size-budgets.txt
  bench                  criterion natively, the Node harness on the WASM build; writes BENCHMARKS.md
  fuzz [--seconds N] [OPERATION…]
                         run the cargo-fuzz target of every JSON operation (nightly), N s each";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => serve::demo(&args[1..]),
        Some("test") => test::run_all(),
        Some("build") => build(&args[1..]),
        Some("size") => size::check().map(|_| ()),
        Some("bench") => bench::run_all(),
        Some("fuzz") => fuzz::run_all(&args[1..]),
        _ => {
            println!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn build(args: &[String]) -> Result<(), String> {
    tools::ensure_build_tools()?;
    let names: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    packages::build_all(&names)
}

/// The repository root (the parent of `crates/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or(manifest)
}
