//! `cargo xtask fuzz [--seconds N] [OPERATION…]`: builds the cargo-fuzz targets of
//! `crates/api/fuzz` (one per JSON operation) and runs each for N seconds (default 60), seeded
//! from the shared fixtures and the saved regressions. A crash fails the command and names the
//! input libFuzzer saved; copy it to `crates/api/tests/regressions/<operation>/` with the fix, so
//! `cargo test -p medspa-api` replays it from then on.

use crate::root;
use crate::tools::{output_of, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the fuzzers; `args` are the command's arguments after `fuzz`.
pub fn run_all(args: &[String]) -> Result<(), String> {
    let mut seconds = 60u32;
    let mut only = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--seconds takes a whole number")?;
            }
            name => only.push(name.to_string()),
        }
    }
    ensure_fuzz_tools()?;
    let fuzz_dir = root().join("crates/api/fuzz");
    let targets = target_names(&fuzz_dir)?;
    if let Some(unknown) = only.iter().find(|name| !targets.contains(name)) {
        return Err(format!("no fuzz target named {unknown}"));
    }
    let chosen: Vec<&String> = targets
        .iter()
        .filter(|t| only.is_empty() || only.contains(t))
        .collect();
    run(nightly_fuzz().args(["build", "-O"]))?;
    let work = root().join("build/fuzz");
    let mut crashed = Vec::new();
    for target in chosen {
        let corpus = work.join("corpus").join(target);
        let artifacts = work.join("artifacts").join(target);
        seed(target, &corpus)?;
        std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
        let outcome = run(nightly_fuzz().args([
            "run",
            "-O",
            target,
            &corpus.to_string_lossy(),
            "--",
            &format!("-max_total_time={seconds}"),
            &format!("-artifact_prefix={}/", artifacts.display()),
            "-print_final_stats=1",
        ]));
        if outcome.is_err() {
            crashed.push(format!("{target}: see {}", artifacts.display()));
        }
    }
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found crashes (copy each input to crates/api/tests/regressions/<operation>/ and fix it):\n{}",
            crashed.join("\n")
        ))
    }
}

/// cargo-fuzz and a nightly toolchain, installed when missing.
fn ensure_fuzz_tools() -> Result<(), String> {
    let toolchains =
        output_of(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|t| t.starts_with("nightly")) {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    if output_of(Command::new("cargo").args(["fuzz", "--version"])).is_none() {
        run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}

fn nightly_fuzz() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root().join("crates/api"))
        .args(["+nightly", "fuzz"]);
    cmd
}

/// The `[[bin]]` names of the fuzz crate's manifest.
fn target_names(fuzz_dir: &Path) -> Result<Vec<String>, String> {
    let manifest = std::fs::read_to_string(fuzz_dir.join("Cargo.toml"))
        .map_err(|e| format!("fuzz/Cargo.toml: {e}"))?;
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(name) = line.strip_prefix("name = \"").filter(|_| in_bin) {
            names.push(name.trim_end_matches('"').to_string());
        }
    }
    Ok(names)
}

/// Writes the seeds of `target` into its corpus folder: each fixture's arguments as compact JSON
/// joined by NUL (the fuzz targets split there), and every saved regression input as is.
fn seed(target: &str, corpus: &Path) -> Result<(), String> {
    let tests = root().join("crates/api/tests");
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    for path in files(&tests.join("fixtures").join(target)) {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let fixture: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let args: Vec<String> = fixture["args"]
            .as_array()
            .map(|a| a.iter().map(|v| v.to_string()).collect())
            .unwrap_or_default();
        write_seed(corpus, &path, args.join("\0").as_bytes())?;
    }
    for path in files(&tests.join("regressions").join(target)) {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        write_seed(corpus, &path, &bytes)?;
    }
    Ok(())
}

fn write_seed(corpus: &Path, source: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = format!(
        "seed-{}",
        source
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default()
    );
    std::fs::write(corpus.join(name), bytes).map_err(|e| format!("{}: {e}", corpus.display()))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_file() && p.extension().is_none_or(|e| e != "mjs"));
    paths.sort();
    paths
}
