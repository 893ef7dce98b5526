//! Building the npm packages: one cargo feature of `medspa-wasm` per plugin, wasm-bindgen's web
//! glue, wasm-opt, and the shared JS shim with a generated entry per package.

use crate::root;
use crate::tools::{run, wasm_opt};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One npm package and the cargo features it is built from.
pub struct Package {
    /// The npm name.
    pub npm: &'static str,
    /// Its folder under build/packages and the name given on the command line.
    pub dir: &'static str,
    /// File stem of the glue and the .wasm (`wasm/<module>_bg.wasm`).
    pub module: &'static str,
    /// Features of `medspa-wasm`.
    pub features: &'static str,
    /// Shipped, or only for the package tests.
    pub test_only: bool,
    /// wasm-opt's level: `-Oz` (size) but for phi-lint, which runs on every keystroke.
    pub optimize: &'static str,
}

const fn package(
    npm: &'static str,
    dir: &'static str,
    module: &'static str,
    features: &'static str,
) -> Package {
    Package {
        npm,
        dir,
        module,
        features,
        test_only: false,
        optimize: "-Oz",
    }
}

/// Every package, plugins first, then the all-in-one, then test-only builds.
pub const PACKAGES: &[Package] = &[
    package("@medspa-kit/billing", "billing", "billing", "billing"),
    package("@medspa-kit/schedule", "schedule", "schedule", "schedule"),
    package("@medspa-kit/consent", "consent", "consent", "consent"),
    // -O3: under Node 20, 2% faster per SMS than -Oz, for 350 more bytes gzipped (2026-12-07).
    Package {
        optimize: "-O3",
        ..package("@medspa-kit/phi-lint", "phi-lint", "phi_lint", "phi-lint")
    },
    package("@medspa-kit/followup", "followup", "followup", "followup"),
    package("medspa-kit", "medspa-kit", "medspa_kit", "all"),
    // Billing and phi-lint plus a deliberately trapping export, for the shim's recovery tests
    // (phi-lint's shim keeps state across calls: the names and messages it has been sent).
    Package {
        npm: "@medspa-kit/trap-test",
        dir: "trap-test",
        module: "trap_test",
        features: "billing,phi-lint,test-trap",
        test_only: true,
        optimize: "-Oz",
    },
];

/// Where built packages go.
pub fn packages_dir() -> PathBuf {
    root().join("build/packages")
}

/// The custom elements: plain JS in `packages/elements`, copied as is (no build step).
const ELEMENTS: &str = "elements";

/// Builds the named packages (all when `names` is empty).
pub fn build_all(names: &[&str]) -> Result<(), String> {
    if let Some(unknown) = names
        .iter()
        .find(|n| **n != ELEMENTS && !PACKAGES.iter().any(|p| p.dir == **n))
    {
        let mut known: Vec<&str> = PACKAGES.iter().map(|p| p.dir).collect();
        known.push(ELEMENTS);
        return Err(format!(
            "unknown package `{unknown}`; known: {}",
            known.join(", ")
        ));
    }
    let optimizer = wasm_opt();
    if optimizer.is_none() {
        println!(
            "note: no usable wasm-opt (npm binaryen in pkg-tests); .wasm files are not optimised"
        );
    }
    for package in PACKAGES
        .iter()
        .filter(|p| names.is_empty() || names.contains(&p.dir))
    {
        build_one(package, optimizer.as_deref())?;
    }
    if names.is_empty() || names.contains(&ELEMENTS) {
        copy_elements()?;
    }
    Ok(())
}

/// Copies the files `packages/elements/package.json` lists, and package.json itself.
fn copy_elements() -> Result<(), String> {
    let source = root().join("packages").join(ELEMENTS);
    let out = packages_dir().join(ELEMENTS);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let manifest: serde_json::Value = serde_json::from_str(&read(&source.join("package.json"))?)
        .map_err(|e| format!("packages/elements/package.json: {e}"))?;
    let listed = manifest["files"].as_array().cloned().unwrap_or_default();
    for name in listed
        .iter()
        .filter_map(|f| f.as_str())
        .chain(["package.json"])
    {
        copy(&source.join(name), &out.join(name))?;
    }
    println!("== copied @medspa-kit/elements");
    Ok(())
}

fn build_one(package: &Package, optimizer: Option<&str>) -> Result<(), String> {
    println!("== building {} ({})", package.npm, package.features);
    let root = root();
    run(Command::new("cargo")
        .current_dir(&root)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "medspa-wasm",
        ])
        .args(["--no-default-features", "--features", package.features]))?;
    let out = packages_dir().join(package.dir);
    let _ = fs::remove_dir_all(&out);
    let glue_dir = out.join("wasm");
    fs::create_dir_all(&glue_dir).map_err(|e| format!("{}: {e}", glue_dir.display()))?;
    let cdylib = root.join("target/wasm32-unknown-unknown/release/medspa_wasm.wasm");
    run(Command::new("wasm-bindgen")
        .arg(&cdylib)
        .args([
            "--target",
            "web",
            "--experimental-reset-state-function",
            "--out-name",
            package.module,
        ])
        .arg("--out-dir")
        .arg(&glue_dir))?;
    let wasm = glue_dir.join(format!("{}_bg.wasm", package.module));
    if let Some(optimizer) = optimizer {
        run(Command::new(optimizer)
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm)
            .arg(package.optimize))?;
    }
    assemble(package, &out)
}

/// Writes the shim, the entries, the declarations, package.json and README into `out`.
fn assemble(package: &Package, out: &Path) -> Result<(), String> {
    let js = root().join("crates/wasm/js");
    for file in ["runtime.js", "runtime.d.ts"] {
        copy(&js.join(file), &out.join(file))?;
    }
    let declarations = read(&out.join(format!("wasm/{}.d.ts", package.module)))?;
    let all = exported_functions(&declarations);
    // The packed twins of `lint` and `lintTemplate`, their failures and the text half of their
    // answers, and the compiled linters' handles are the shim's, not the package's. (Other `__`
    // names stay: `__trapForTests` in test builds.)
    let mut internal: Vec<&str> = all
        .iter()
        .filter_map(|name| packed_twin(name))
        .filter(|twin| all.iter().any(|name| name == twin))
        .collect();
    if !internal.is_empty() {
        internal.extend([
            "__packedText",
            "__packedMemory",
            "__failure",
            "__linterNew",
            "__linterFree",
        ]);
    }
    let exports: Vec<String> = all
        .iter()
        .filter(|name| !internal.contains(&name.as_str()))
        .cloned()
        .collect();
    // The entries do not re-export the internals; neither may the declarations (index.d.ts
    // re-exports the glue's).
    if !internal.is_empty() {
        let public: String = declarations
            .lines()
            .filter(|line| {
                !internal
                    .iter()
                    .any(|name| line.starts_with(&format!("export function {name}(")))
            })
            .map(|line| format!("{line}\n"))
            .collect();
        write(&out.join(format!("wasm/{}.d.ts", package.module)), &public)?;
    }
    // The DOM drop-in for message boxes ships with every package that has `lint`.
    let with_dom = exports.iter().any(|e| e == "lint");
    if with_dom {
        for file in [
            "phi-lint-dom.js",
            "phi-lint-dom.d.ts",
            "phi-lint-report.js",
            "phi-lint-report.d.ts",
        ] {
            copy(&js.join(file), &out.join(file))?;
        }
    }
    let (dom_imports, dom_export) = if with_dom {
        (
            "import { createAttach } from './phi-lint-dom.js';\nimport { createLint, createLinterFactory } from './phi-lint-report.js';\n",
            "export const attachPhiLint = createAttach(lint);\nexport const createLinter = createLinterFactory(binding);\n",
        )
    } else {
        ("", "")
    };
    let dom_types = if with_dom {
        "export { attachPhiLint, PhiLintHandle } from './phi-lint-dom.js';\nexport { createLinter, PhiLinter } from './phi-lint-report.js';\n"
    } else {
        ""
    };
    let module = package.module;
    // `lint` and `lintTemplate` go through their packed twins (phi-lint-report.js).
    let wrapped: String = exports
        .iter()
        .map(|name| match packed_twin(name) {
            Some(packed) if internal.contains(&packed) => {
                format!("export const {name} = createLint(binding, '{packed}', '{name}');\n")
            }
            _ => format!("export const {name} = binding.wrap('{name}');\n"),
        })
        .collect();
    let header = format!(
        "// {npm}: generated by `cargo xtask build` from crates/wasm; edit the Rust or runtime.js instead.\n\
         import * as glue from './wasm/{module}.js';\n\
         import {{ createBinding }} from './runtime.js';\n\
         export {{ MedspaError }} from './runtime.js';\n{dom_imports}",
        npm = package.npm
    );
    // Bundlers and browsers resolve the .wasm from this literal `new URL(…, import.meta.url)`.
    let browser = format!(
        "{header}const binding = createBinding(glue, {{ sync: false, source: () => new URL('./wasm/{module}_bg.wasm', import.meta.url) }});\n\
         export const {{ init, initSync }} = binding;\n{wrapped}{dom_export}"
    );
    let node = format!(
        "{header}import {{ readFileSync }} from 'node:fs';\n\
         const binding = createBinding(glue, {{ sync: true, source: () => readFileSync(new URL('./wasm/{module}_bg.wasm', import.meta.url)) }});\n\
         export const {{ init, initSync }} = binding;\n{wrapped}{dom_export}"
    );
    let types = format!(
        "// {npm}: generated by `cargo xtask build`; the types come from the Rust data-transfer types (tsify).\n\
         export * from './wasm/{module}.js';\n\
         export {{ MedspaError, WasmSource }} from './runtime.js';\n\
         import type {{ WasmSource }} from './runtime.js';\n\
         /** Loads the module once; later calls return at once. In Node it is optional. */\n\
         export declare function init(source?: WasmSource): Promise<void>;\n\
         /** Loads the module synchronously: from disk in Node; elsewhere pass the bytes or a WebAssembly.Module. */\n\
         export declare function initSync(source?: BufferSource | WebAssembly.Module): void;\n{dom_types}",
        npm = package.npm
    );
    write(&out.join("index.js"), &browser)?;
    write(&out.join("node.js"), &node)?;
    write(&out.join("index.d.ts"), &types)?;
    write(&out.join("package.json"), &package_json(package))?;
    let mut listed = exports.clone();
    if with_dom {
        listed.extend(["attachPhiLint".to_string(), "createLinter".to_string()]);
    }
    write(&out.join("README.md"), &readme(package, &listed))
}

/// The internal export behind `name`, if the shim calls one instead of `name`'s JSON export.
fn packed_twin(name: &str) -> Option<&'static str> {
    match name {
        "lint" => Some("__lintPacked"),
        "lintTemplate" => Some("__lintTemplatePacked"),
        _ => None,
    }
}

/// Names of the functions wasm-bindgen exported, minus its own init and reset functions.
fn exported_functions(declarations: &str) -> Vec<String> {
    declarations
        .lines()
        .filter_map(|line| line.strip_prefix("export function "))
        .filter_map(|rest| rest.split('(').next())
        .filter(|name| !matches!(*name, "initSync" | "__wbg_reset_state"))
        .map(str::to_string)
        .collect()
}

fn package_json(package: &Package) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let private = if package.test_only {
        "\n  \"private\": true,"
    } else {
        ""
    };
    format!(
        r#"{{
  "name": "{npm}",
  "version": "{version}",{private}
  "description": "medspa-kit {dir}: WebAssembly plugin for medical spa software; runs entirely on the user's machine.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "sideEffects": false,
  "main": "./node.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./index.js"
    }},
    "./wasm": "./wasm/{module}_bg.wasm",
    "./package.json": "./package.json"
  }},
  "files": ["index.js", "node.js", "index.d.ts", "runtime.js", "runtime.d.ts", "phi-lint-dom.js", "phi-lint-dom.d.ts", "phi-lint-report.js", "phi-lint-report.d.ts", "wasm/", "README.md"],
  "engines": {{ "node": ">=20" }}
}}
"#,
        npm = package.npm,
        dir = package.dir,
        module = package.module,
    )
}

fn readme(package: &Package, exports: &[String]) -> String {
    format!(
        "# {npm}\n\nPart of medspa-kit: plugins for medical spa software that run entirely in the browser or in Node.\n\
         See the repository README for the guide.\n\n```js\nimport {{ init, {first} }} from '{npm}';\nawait init(); // optional in Node\n```\n\n\
         Exports: {list}, `init`, `initSync`, `MedspaError`.\n",
        npm = package.npm,
        first = exports.first().map(String::as_str).unwrap_or("version"),
        list = exports.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", "),
    )
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{}: {e}", from.display()))
}
