//! Running commands and installing, idempotently, the tools the build and the tests need.

use crate::root;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs a command with inherited output; a non-zero exit is an error.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command, echoing its output as it comes, and returns that output (stdout and stderr
/// interleaved by line) with whether it succeeded.
pub fn run_captured(cmd: &mut Command) -> Result<(bool, String), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let forward = |stream: Box<dyn Read + Send>, tx: std::sync::mpsc::Sender<String>| {
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                println!("{line}");
                let _ = tx.send(line);
            }
        })
    };
    let stdout = child
        .stdout
        .take()
        .map(|s| forward(Box::new(s), tx.clone()));
    let stderr = child
        .stderr
        .take()
        .map(|s| forward(Box::new(s), tx.clone()));
    drop(tx);
    let output: Vec<String> = rx.iter().collect();
    for handle in [stdout, stderr].into_iter().flatten() {
        let _ = handle.join();
    }
    let status = child
        .wait()
        .map_err(|e| format!("`{shown}` did not finish: {e}"))?;
    Ok((status.success(), output.join("\n")))
}

/// The stdout of a command, if it runs and succeeds.
pub fn output_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn describe(cmd: &Command) -> String {
    let mut shown = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

/// The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// The wasm32 target, wasm-bindgen-cli at the locked version, and wasm-pack.
pub fn ensure_build_tools() -> Result<(), String> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if !installed.lines().any(|t| t == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let version = locked_wasm_bindgen_version()?;
    let cli = output_of(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if cli != format!("wasm-bindgen {version}") {
        // `--locked` fails on this registry mirror (a pinned webpki-roots is missing), so fall
        // back to an unlocked install of the same exact version.
        let locked = run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--locked",
        ]));
        if locked.is_err() {
            run(Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
            ]))?;
        }
    }
    if output_of(Command::new("wasm-pack").arg("--version")).is_none() {
        run(Command::new("cargo").args(["install", "wasm-pack", "--locked"]))?;
    }
    ensure_npm_packages()
}

/// `npm ci` in pkg-tests/ when node_modules is missing or older than the lock file.
pub fn ensure_npm_packages() -> Result<(), String> {
    let dir = root().join("pkg-tests");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    if is_newer_or_missing(&lock, &installed) {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir))?;
    }
    Ok(())
}

fn is_newer_or_missing(source: &Path, target: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    match (modified(source), modified(target)) {
        (Some(s), Some(t)) => s > t,
        _ => true,
    }
}

/// A wasm-opt that understands wasm-bindgen's output: npm's binaryen in pkg-tests first, then one
/// on PATH reporting version 116 or later (Debian's 108 corrupts the externref table).
pub fn wasm_opt() -> Option<String> {
    let npm = root().join("pkg-tests/node_modules/.bin/wasm-opt");
    let candidates = [npm.to_string_lossy().into_owned(), "wasm-opt".to_string()];
    candidates.into_iter().find(|bin| {
        output_of(Command::new(bin).arg("--version"))
            .and_then(|v| {
                v.split_whitespace()
                    .nth(2)
                    .and_then(|n| n.parse::<u32>().ok())
            })
            .is_some_and(|version| version >= 116)
    })
}
