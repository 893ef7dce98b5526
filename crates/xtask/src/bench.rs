//! `cargo xtask bench`: criterion benchmarks natively, the Node harness on the WASM build, page
//! loading in Chromium, the phi-lint peer comparison (Presidio, scrubadub, redact-pii,
//! @redactpii/node on the same corpus, in the same run) and the size table, written to one
//! report, `BENCHMARKS.md`.

use crate::packages::build_all;
use crate::root;
use crate::size;
use crate::tools::{ensure_build_tools, run, run_captured};
use std::path::Path;
use std::process::Command;

/// Crates with criterion benchmarks.
const BENCHED_CRATES: &[&str] = &[
    "medspa-billing",
    "medspa-consent",
    "medspa-followup",
    "medspa-phi-lint",
    "medspa-schedule",
];

/// Runs every benchmark and writes the report.
pub fn run_all() -> Result<(), String> {
    let root = root();
    ensure_build_tools()?;
    for krate in BENCHED_CRATES {
        run(Command::new("cargo")
            .current_dir(&root)
            .args(["bench", "-p", krate]))?;
    }
    let native = criterion_medians(&root.join("target/criterion"))?;
    build_all(&[])?;
    let sizes = size::check()?;
    run(Command::new("node")
        .arg("lib/prepare.mjs")
        .current_dir(root.join("pkg-tests")))?;
    let (ok, node) = run_captured(
        Command::new("node")
            .arg("bench/run.mjs")
            .current_dir(root.join("pkg-tests")),
    )?;
    if !ok {
        return Err("the Node benchmark harness failed".into());
    }
    let node_table = table_lines(&node);
    let (ok, loading) = run_captured(
        Command::new("node")
            .arg("bench/loading.mjs")
            .current_dir(root.join("pkg-tests")),
    )?;
    if !ok {
        return Err("the Chromium loading benchmark failed".into());
    }
    let loading_table = table_lines(&loading);
    run(Command::new("bash").arg(root.join("bench/peers/run.sh")))?;
    let peers_tables = std::fs::read_to_string(root.join("bench/peers/results/table.md"))
        .map_err(|e| format!("bench/peers/results/table.md: {e}"))?;
    let report = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` on a 2-core machine; medians. Re-run it to refresh.\n\n\
         ## Native (criterion)\n\n| benchmark | median |\n|---|---:|\n{native}\n\
         ## WASM under Node ({node_version})\n\n{node_table}\n\
         ## Loading in Chromium\n\nFresh page loads (no cache): each package's JS and .wasm bytes, and the time from \
         navigation to the first result of one call (`pkg-tests/bench/loading.mjs`).\n\n{loading_table}\n\
         ## phi-lint against its peers\n\nSame corpus, same run (`bench/peers/run.sh`; method in \
         [bench/peers/README.md](bench/peers/README.md)).\n\n{peers_tables}\n## Sizes\n\n{sizes}",
        node_version = crate::tools::output_of(Command::new("node").arg("--version")).unwrap_or_default(),
    );
    std::fs::write(root.join("BENCHMARKS.md"), report)
        .map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    println!("wrote BENCHMARKS.md");
    Ok(())
}

/// The markdown table lines of a command's output, blank lines kept between tables.
fn table_lines(output: &str) -> String {
    let mut out = String::new();
    for line in output.lines() {
        if line.starts_with('|') {
            out.push_str(line);
            out.push('\n');
        } else if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out
}

/// Table rows from criterion's `*/new/estimates.json` (median point estimates, in ns).
fn criterion_medians(dir: &Path) -> Result<String, String> {
    let mut rows = Vec::new();
    collect(dir, dir, &mut rows)?;
    rows.sort();
    Ok(rows.concat())
}

fn collect(base: &Path, dir: &Path, rows: &mut Vec<String>) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.ends_with("new") {
            let estimates = path.join("estimates.json");
            let benchmark = path.join("benchmark.json");
            if let (Ok(text), Ok(meta)) = (
                std::fs::read_to_string(&estimates),
                std::fs::read_to_string(&benchmark),
            ) {
                let estimates: serde_json::Value =
                    serde_json::from_str(&text).map_err(|e| e.to_string())?;
                let meta: serde_json::Value =
                    serde_json::from_str(&meta).map_err(|e| e.to_string())?;
                let name = meta["full_id"].as_str().unwrap_or("?").to_string();
                let nanos = estimates["median"]["point_estimate"]
                    .as_f64()
                    .unwrap_or(f64::NAN);
                rows.push(format!("| {name} | {} |\n", human(nanos)));
            }
        } else if path.is_dir() && path != base.join("report") {
            collect(base, &path, rows)?;
        }
    }
    Ok(())
}

fn human(nanos: f64) -> String {
    if nanos >= 1_000_000.0 {
        format!("{:.2} ms", nanos / 1_000_000.0)
    } else if nanos >= 1_000.0 {
        format!("{:.2} µs", nanos / 1_000.0)
    } else {
        format!("{nanos:.0} ns")
    }
}
