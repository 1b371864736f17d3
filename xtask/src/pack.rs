//! `cargo xtask pack`: the npm package, from the built pkg/ and npm/, as
//! the tarball `npm pack` makes (`target/npm/pyws-<version>.tgz`); and the
//! test stage that installs it into a throwaway project and runs that in a
//! browser (tests/consumer/).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::engines::{Display, Engine};
use crate::literal::quote as json;
use crate::run::{capture, node_tests, step, test_files, Counts};
use crate::server::Server;

/// The package's name on npm (free when it was first packed).
const NAME: &str = "pyws";

/// The package's files, from pkg/ (as `cargo xtask build` wrote them) or
/// from npm/ (written by hand): each JS module with its declaration.
/// `pyws_python_worker.js` and package.json are written by [`pack`].
const FROM_PKG: [&str; 7] = [
    "pyws.js",
    "pyws_bg.wasm",
    "pyws_python.js",
    "pyws_python_bg.wasm",
    "pyws_python.d.ts",
    "pyws_brython.js",
    crate::build::MODULES,
];
const FROM_NPM: [&str; 5] = [
    "README.md",
    "pyws.d.ts",
    "pyws_brython.d.ts",
    "pyscript.js",
    "pyscript.d.ts",
];

/// Assembles the package in target/npm/package/ from pkg/ (which must be
/// built) and npm/, and packs it; returns the tarball's path.
pub fn pack(root: &Path) -> Result<PathBuf, String> {
    let npm = root.join("target/npm");
    let dir = npm.join("package");
    let _ = fs::remove_dir_all(&npm);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let copy = |from: PathBuf, name: &str| {
        fs::copy(&from, dir.join(name))
            .map(|_| ())
            .map_err(|e| format!("{}: {e} (run cargo xtask build first)", from.display()))
    };
    for name in FROM_PKG {
        copy(root.join("pkg").join(name), name)?;
    }
    for name in FROM_NPM {
        copy(root.join("npm").join(name), name)?;
    }
    copy(root.join("CHANGELOG.md"), "CHANGELOG.md")?;
    check_declarations(
        &read(&root.join("pkg/pyws.d.ts"))?,
        &read(&root.join("npm/pyws.d.ts"))?,
    )?;
    write_worker_script(root, &dir)?;
    let manifest = Manifest::read(&read(&root.join("Cargo.toml"))?)?;
    fs::write(dir.join("package.json"), manifest.package_json())
        .map_err(|e| format!("package.json: {e}"))?;
    let packed = capture(
        Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(&npm)
            .current_dir(&dir),
    )?;
    let tarball = npm.join(packed.trim());
    println!("xtask: packed {}", tarball.display());
    Ok(tarball)
}

/// The test stage of each engine: in Chromium (the first) it packs,
/// installs the tarball into target/consumer/ and bundles its pages with
/// Vite and esbuild (tests/consumer/build.mjs); in every engine it runs
/// tests/consumer/*.test.mjs against `server`.
pub fn test(
    root: &Path,
    engine: Engine,
    server: &Server,
    display: &Display,
) -> Result<Counts, String> {
    if engine == Engine::Chromium {
        let tarball = pack(root)?;
        step(
            Command::new("node")
                .arg("tests/consumer/build.mjs")
                .arg(&tarball)
                .current_dir(root),
        )?;
    }
    let suites = test_files(&root.join("tests/consumer"))?;
    node_tests(root, engine, server, display, &suites)
}

/// The classic-script build of pyws_python.js that the PyScript plugin
/// runs in workers (see npm/pyscript.js): an IIFE whose value, `pyws`, is
/// the module's exports. It is given the wasm (`initSync`), so the
/// `import.meta.url` it cannot have is never read.
fn write_worker_script(root: &Path, dir: &Path) -> Result<(), String> {
    step(
        Command::new(root.join("node_modules/.bin/esbuild"))
            .arg(root.join("pkg/pyws_python.js"))
            .args([
                "--format=iife",
                "--global-name=pyws",
                "--minify",
                "--log-level=warning",
                "--log-override:empty-import-meta=silent",
            ])
            .arg(format!(
                "--outfile={}",
                dir.join("pyws_python_worker.js").display()
            )),
    )
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Fails unless the hand-written declaration of the main entry declares
/// every export and `Socket` member the generated one has: the generated
/// one follows the Rust code, the written one gives the values their types.
fn check_declarations(generated: &str, written: &str) -> Result<(), String> {
    let declared = declared_names(written);
    let missing: Vec<String> = declared_names(generated)
        .into_iter()
        .filter(|name| !declared.contains(name))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "npm/pyws.d.ts does not declare {} that pkg/pyws.d.ts has: say what they take and give",
            missing.join(", ")
        ))
    }
}

/// The names a declaration file declares at the start of a line: exported
/// functions, classes, types and interfaces, and class or interface
/// members (`name(`, `name:`, `name<`, `readonly name:`); but not the
/// wasm's exports (`InitOutput`'s members) nor wasm-bindgen's own `__`
/// names, which are no API.
fn declared_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_init_output = false;
    for line in text.lines() {
        if line.starts_with("export interface InitOutput") {
            in_init_output = !line.trim_end().ends_with('}');
            continue;
        }
        if in_init_output {
            in_init_output = !line.starts_with('}');
            continue;
        }
        let mut rest = line.trim();
        for prefix in [
            "export ",
            "default ",
            "declare ",
            "function ",
            "class ",
            "type ",
            "interface ",
            "readonly ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = rest[name.len()..].chars().next();
        if !name.is_empty()
            && !name.starts_with("__")
            && matches!(after, Some('(' | ':' | '<' | ' ' | '?'))
        {
            found.push(name);
        }
    }
    found
}

/// What package.json takes from Cargo.toml's `[package]`.
#[derive(Debug, PartialEq, Eq)]
struct Manifest {
    version: String,
    description: String,
    license: String,
    repository: Option<String>,
}

impl Manifest {
    /// Reads the `key = "value"` lines of `[package]` in Cargo.toml.
    fn read(cargo_toml: &str) -> Result<Manifest, String> {
        let mut section = "";
        let mut fields = std::collections::HashMap::new();
        for line in cargo_toml.lines().map(str::trim) {
            if line.starts_with('[') {
                section = line;
            } else if section == "[package]" {
                if let Some((key, value)) = line.split_once('=') {
                    let value = value.trim();
                    if let Some(value) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                        fields.insert(key.trim(), value.to_string());
                    }
                }
            }
        }
        let mut take = |key: &str| {
            fields
                .remove(key)
                .ok_or_else(|| format!("Cargo.toml's [package] has no {key}"))
        };
        Ok(Manifest {
            version: take("version")?,
            description: take("description")?,
            license: take("license")?,
            repository: take("repository").ok(),
        })
    }

    /// The package's package.json. The tarball has no dependencies: the
    /// PyScript entry imports `@pyscript/core`, which the page's import map
    /// names (see npm/README.md).
    fn package_json(&self) -> String {
        let repository = self
            .repository
            .as_ref()
            .map(|url| {
                format!(
                    "\n  \"repository\": {{ \"type\": \"git\", \"url\": {} }},",
                    json(url)
                )
            })
            .unwrap_or_default();
        format!(
            r#"{{
  "name": "{NAME}",
  "version": {version},
  "description": {description},
  "license": {license},{repository}
  "keywords": ["websocket", "python", "pyodide", "micropython", "brython", "pyscript", "wasm"],
  "type": "module",
  "exports": {{
    ".": {{ "types": "./pyws.d.ts", "default": "./pyws.js" }},
    "./python": {{ "types": "./pyws_python.d.ts", "default": "./pyws_python.js" }},
    "./brython": {{ "types": "./pyws_brython.d.ts", "default": "./pyws_brython.js" }},
    "./pyscript": {{ "types": "./pyscript.d.ts", "default": "./pyscript.js" }},
    "./pyws_bg.wasm": "./pyws_bg.wasm",
    "./pyws_python_bg.wasm": "./pyws_python_bg.wasm",
    "./pyws_modules.json": "./pyws_modules.json",
    "./package.json": "./package.json"
  }},
  "module": "./pyws.js",
  "types": "./pyws.d.ts",
  "sideEffects": ["./pyws_brython.js", "./pyscript.js"],
  "files": [
    "pyws.js", "pyws_bg.wasm", "pyws.d.ts",
    "pyws_python.js", "pyws_python_bg.wasm", "pyws_python.d.ts", "pyws_python_worker.js",
    "pyws_brython.js", "pyws_brython.d.ts", "pyws_modules.json",
    "pyscript.js", "pyscript.d.ts",
    "CHANGELOG.md"
  ]
}}
"#,
            version = json(&self.version),
            description = json(&self.description),
            license = json(&self.license),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_comes_from_the_package_section_only() {
        let manifest = Manifest::read(
            "[package]\nname = \"pyws\"\nversion = \"0.1.0\"\ndescription = \"A \\\"b\\\"\"\n\
             license = \"MIT OR Apache-2.0\"\n\n[dependencies]\nversion = \"9\"\n",
        )
        .unwrap();
        assert_eq!(manifest.version, "0.1.0");
        assert_eq!(manifest.license, "MIT OR Apache-2.0");
        assert_eq!(manifest.repository, None);
        assert!(Manifest::read("[package]\nname = \"x\"\n")
            .unwrap_err()
            .contains("no version"));
    }

    #[test]
    fn package_json_carries_the_cargo_version_and_escapes_strings() {
        let manifest = Manifest {
            version: "1.2.3".into(),
            description: "say \"hi\"\n".into(),
            license: "MIT".into(),
            repository: Some("https://example.invalid/pyws".into()),
        };
        let text = manifest.package_json();
        assert!(text.contains("\"version\": \"1.2.3\","), "{text}");
        assert!(
            text.contains("\"description\": \"say \\\"hi\\\"\\n\","),
            "{text}"
        );
        assert!(
            text.contains("\"url\": \"https://example.invalid/pyws\""),
            "{text}"
        );
    }

    #[test]
    fn a_member_missing_from_the_written_declaration_is_named() {
        let generated = "export class Socket {\n    recv(): Promise<any>;\n    readonly unread: number;\n    send(data: any): void;\n}\nexport function install(runtime?: any | null): void;\n";
        let written = "export class Socket {\n  recv(): Promise<MessageEvent>;\n  readonly unread: number;\n}\nexport function install(runtime?: object): void;\n";
        assert_eq!(
            check_declarations(generated, written).unwrap_err(),
            "npm/pyws.d.ts does not declare send that pkg/pyws.d.ts has: say what they take and give"
        );
        assert_eq!(check_declarations(written, written), Ok(()));
    }
}
