//! `cargo xtask test`: installs what is missing, then runs every suite and fails on any failure.
//! Ends with one summary line of counts summed over the suites' own reports.

use crate::packages::build_all;
use crate::root;
use crate::size;
use crate::tools::{ensure_build_tools, run, run_captured};
use std::process::Command;

#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
    skipped: u64,
}

impl Counts {
    /// Adds the counts a runner printed: cargo's and wasm-bindgen-test's `test result:` lines
    /// and node --test's `# pass N` / `# fail N` / `# skipped N` lines.
    fn add_report(&mut self, output: &str) {
        for line in output.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("test result: ") {
                for field in rest.split(';') {
                    let mut words = field.split_whitespace().rev();
                    let (Some(kind), Some(count)) = (words.next(), words.next()) else {
                        continue;
                    };
                    let count: u64 = count.parse().unwrap_or(0);
                    match kind {
                        "passed" => self.passed += count,
                        "failed" => self.failed += count,
                        "ignored" => self.skipped += count,
                        _ => {}
                    }
                }
            }
            let node_count = |prefix: &str| {
                line.strip_prefix(prefix)
                    .and_then(|n| n.trim().parse::<u64>().ok())
            };
            if let Some(n) = node_count("# pass ") {
                self.passed += n;
            } else if let Some(n) = node_count("# fail ") {
                self.failed += n;
            } else if let Some(n) = node_count("# skipped ") {
                self.skipped += n;
            }
        }
    }
}

/// Runs every suite; the first failing step stops the run. The summary line is printed either way.
pub fn run_all() -> Result<(), String> {
    let mut counts = Counts::default();
    let result = run_steps(&mut counts);
    println!(
        "\nsummary: {} passed, {} failed, {} skipped",
        counts.passed, counts.failed, counts.skipped
    );
    result
}

fn run_steps(counts: &mut Counts) -> Result<(), String> {
    let root = root();
    let step = |name: &str| println!("\n==== {name}");

    step("install what is missing");
    ensure_build_tools()?;

    step("rustfmt");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;

    step("clippy (native and wasm32, warnings denied)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "-p",
        "medspa-wasm",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--features",
        "test-trap",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("supply chain: licences, duplicate versions and sources (cargo deny)");
    ensure_cargo_deny()?;
    run(cargo().args(["deny", "check", "licenses", "bans", "sources"]))?;

    step("native tests (unit, property, doc)");
    counted(counts, cargo().args(["test", "--workspace"]))?;

    step("fuzzing: every JSON operation for a short, fixed time");
    crate::fuzz::run_all(&["--seconds".to_string(), FUZZ_SECONDS_PER_TARGET.to_string()])?;
    // phi-lint's take free text typed by a person, on every keystroke: longer (a 3-second run
    // found a slice panic there once, by luck).
    let mut free_text = vec!["--seconds".to_string(), FUZZ_SECONDS_FREE_TEXT.to_string()];
    free_text.extend(["lint".to_string(), "lintTemplate".to_string()]);
    crate::fuzz::run_all(&free_text)?;

    step("WASM build of every package");
    build_all(&[])?;
    size::check()?;

    step("wasm-bindgen-test under Node");
    counted(
        counts,
        Command::new("wasm-pack")
            .args(["test", "--node", "--mode", "no-install", "crates/wasm"])
            .current_dir(&root),
    )?;

    step("package tests: Node, TypeScript, Vite and headless Chromium");
    counted(
        counts,
        Command::new("npm")
            .args(["test"])
            .current_dir(root.join("pkg-tests")),
    )
}

/// Long enough to replay the seeds and explore a little; `cargo xtask fuzz` runs longer.
const FUZZ_SECONDS_PER_TARGET: u32 = 3;
/// More for the operations whose input is free text (`lint`, `lintTemplate`).
const FUZZ_SECONDS_FREE_TEXT: u32 = 20;

/// cargo-deny, installed when missing (about 2.5 minutes from source).
fn ensure_cargo_deny() -> Result<(), String> {
    if crate::tools::output_of(cargo().args(["deny", "--version"])).is_none() {
        run(cargo().args(["install", "cargo-deny", "--locked"]))?;
    }
    Ok(())
}

fn cargo() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root());
    cmd
}

/// Runs a test command, adding its counts; fails if the command fails or reports a failure.
fn counted(counts: &mut Counts, cmd: &mut Command) -> Result<(), String> {
    let (ok, output) = run_captured(cmd)?;
    let before = counts.failed;
    counts.add_report(&output);
    if !ok || counts.failed > before {
        return Err("a test suite failed".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn counts_cargo_and_node_reports() {
        let mut counts = Counts::default();
        counts.add_report(
            "test result: ok. 12 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
             # tests 5\n# pass 4\n# fail 0\n# skipped 1\n\
             test result: FAILED. 1 passed; 3 failed; 0 ignored",
        );
        assert_eq!((counts.passed, counts.failed, counts.skipped), (17, 3, 3));
    }
}
