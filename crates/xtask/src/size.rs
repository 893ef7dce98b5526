//! `cargo xtask size`: raw and gzipped size of every package's .wasm against `size-budgets.txt`.

use crate::packages::{packages_dir, PACKAGES};
use crate::root;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

/// Prints the size table; fails when a package is missing or over its gzipped budget.
pub fn check() -> Result<String, String> {
    let budgets_text = std::fs::read_to_string(root().join("size-budgets.txt"))
        .map_err(|e| format!("size-budgets.txt: {e}"))?;
    let budgets = parse_budgets(&budgets_text)?;
    let mut table = String::from(
        "| package | raw bytes | gzip -9 bytes | budget (gzip) | |\n|---|---:|---:|---:|---|\n",
    );
    let mut over = Vec::new();
    for package in PACKAGES.iter().filter(|p| !p.test_only) {
        let wasm = packages_dir()
            .join(package.dir)
            .join(format!("wasm/{}_bg.wasm", package.module));
        let bytes = std::fs::read(&wasm)
            .map_err(|e| format!("{}: {e} (run `cargo xtask build` first)", wasm.display()))?;
        let gzipped = gzip_len(&bytes)?;
        let budget = budgets
            .iter()
            .find(|(name, _)| name == package.dir)
            .map(|(_, kib)| kib * 1024)
            .ok_or_else(|| format!("size-budgets.txt has no budget for {}", package.dir))?;
        let verdict = if gzipped > budget { "OVER" } else { "ok" };
        if gzipped > budget {
            over.push(package.npm);
        }
        table.push_str(&format!(
            "| {} | {} | {} | {} KiB | {verdict} |\n",
            package.npm,
            bytes.len(),
            gzipped,
            budget / 1024
        ));
    }
    println!("{table}");
    if over.is_empty() {
        Ok(table)
    } else {
        Err(format!("over the size budget: {}", over.join(", ")))
    }
}

/// `name = KiB` lines; `#` starts a comment.
fn parse_budgets(text: &str) -> Result<Vec<(String, usize)>, String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (name, kib) = line
                .split_once('=')
                .ok_or_else(|| format!("bad budget line: {line}"))?;
            let kib = kib
                .trim()
                .parse()
                .map_err(|_| format!("bad budget line: {line}"))?;
            Ok((name.trim().to_string(), kib))
        })
        .collect()
}

fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map(|v| v.len()).map_err(|e| e.to_string())
}
