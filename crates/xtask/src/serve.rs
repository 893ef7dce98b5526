//! `cargo xtask demo`: builds every package and serves `www/` (with the packages under
//! `/packages/`) through the same small Node static server the browser tests use.

use crate::packages::build_all;
use crate::root;
use crate::tools::{ensure_build_tools, run};
use std::process::Command;

/// Builds, then serves until interrupted.
pub fn demo(args: &[String]) -> Result<(), String> {
    let port: u16 = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port
            .parse()
            .map_err(|_| "--port needs a number".to_string())?,
        _ => return Err("usage: cargo xtask demo [--port N]".into()),
    };
    ensure_build_tools()?;
    build_all(&[])?;
    run(Command::new("node")
        .arg(root().join("pkg-tests/lib/server.mjs"))
        .args(["--port", &port.to_string()]))
}
