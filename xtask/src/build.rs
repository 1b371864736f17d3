//! Builds pkg/: one package per page kind, each the core compiled with only
//! the adapters it needs, its glue written by wasm-bindgen, its wasm
//! optimised by wasm-opt, its JS bundled and minified by esbuild.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bootstrap::WASM_TARGET;
use crate::literal::quote;
use crate::run::{step, step_output, tool_path};
use crate::{names, panics};

/// A package `cargo xtask build` writes into pkg/.
struct Variant {
    /// Its JS module's name, without `.js`.
    name: &'static str,
    /// The crate features (adapters) it is built with.
    features: &'static str,
    /// Whether its wasm is inlined in its JS loader, which installs the
    /// Brython adapter itself (see [`write_brython_loader`]), rather than
    /// fetched from `<name>_bg.wasm` beside it.
    inline: bool,
}

/// - `pyws.js` + `pyws_bg.wasm`: every adapter and plain JavaScript's
///   `websocket`;
/// - `pyws_python.js` + `pyws_python_bg.wasm`: Pyodide and MicroPython;
/// - `pyws_brython.js`: Brython, the wasm inlined, without the Python shim,
///   its loader installing the adapter (the `loader` feature);
///
/// and `pyws_modules.json`, the sources of the Python packages every one of
/// them fetches at their first import (see `src/host/modules.rs`).
const VARIANTS: [Variant; 3] = [
    Variant {
        name: "pyws",
        features: "brython,python,js",
        inline: false,
    },
    Variant {
        name: "pyws_python",
        features: "python",
        inline: false,
    },
    Variant {
        name: "pyws_brython",
        features: "loader",
        inline: true,
    },
];

/// The file of the Python packages' sources, in pkg/ and beside each copy of
/// a package.
pub const MODULES: &str = "pyws_modules.json";

/// Each variant built as `wasm-pack build --release --target web
/// --weak-refs` would build it, each into its own directory under
/// `target/pkg/`: `cargo build` of the library for wasm32 with the variant's
/// features, then `wasm-bindgen --target web --weak-refs`, then the
/// [`rewrite`] of its output, then [`WASM_OPT`] with wasm-opt from the npm `binaryen` package (Debian's is
/// too old for this Rust); then their files into pkg/.
///
/// `--weak-refs` lets the JS garbage collector free a socket's Rust side
/// once its JS object is unreachable.
///
/// wasm-bindgen writes the glue and the adapters it imports (`snippets/`)
/// as separate modules: two round trips before the wasm can even be
/// fetched. esbuild bundles them into one minified module.
pub fn package(root: &Path) -> Result<(), String> {
    let pkg = root.join("pkg");
    let _ = fs::remove_dir_all(&pkg);
    fs::create_dir_all(&pkg).map_err(|e| format!("pkg/: {e}"))?;
    let modules = pkg.join(MODULES);
    fs::write(&modules, crate::modules::json(root))
        .map_err(|e| format!("{}: {e}", modules.display()))?;
    for Variant {
        name,
        features,
        inline,
    } in VARIANTS
    {
        // The glue finds its wasm by its own name; an inlined package's
        // loader has the package's name and imports the glue as pyws.js.
        let glue = if inline { "pyws" } else { name };
        let out = root.join("target/pkg").join(name);
        let _ = fs::remove_dir_all(&out);
        let generated = compile(root, features, &out, glue)?;
        if inline {
            write_brython_loader(root, &out, &generated)?;
        }
        let js = format!("{name}.js");
        bundle(root, &out.join(&js), &pkg.join(&js))?;
        if !inline {
            for file in [
                format!("{name}_bg.wasm"),
                format!("{name}.d.ts"),
                format!("{name}_bg.wasm.d.ts"),
            ] {
                let (from, to) = (out.join(&file), pkg.join(&file));
                fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
            }
        }
    }
    Ok(())
}

/// wasm-opt's passes and the features of the Rust toolchain's wasm. -Os
/// rather than -Oz: -Oz is smaller raw but larger gzipped; `--converge`
/// repeats the passes while they still shrink the module;
/// `--low-memory-unused` lets it fold addresses into load and store offsets,
/// since Rust's wasm puts the stack in the first megabyte of memory and
/// nothing in its first kilobyte. The producers and target_features
/// sections are metadata no browser reads.
const WASM_OPT: &[&str] = &[
    "-Os",
    "--converge",
    "--low-memory-unused",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--strip-producers",
    "--strip-target-features",
];

/// The library built for wasm32 with `features` (release profile), its JS
/// glue `<glue>.js`, wasm `<glue>_bg.wasm` and type declarations written
/// into `out` by wasm-bindgen, then [`rewrite`] and wasm-opt. Gives the
/// directory where the build script wrote what the wasm embeds (`api.json`,
/// `modules.json`, …), as cargo reports it.
fn compile(root: &Path, features: &str, out: &Path, glue: &str) -> Result<PathBuf, String> {
    let path = tool_path(root);
    let messages = step_output(
        Command::new("cargo")
            .args(["build", "--lib", "--release", "--target", WASM_TARGET])
            .args(["--no-default-features", "--features", features])
            .arg("--message-format=json-render-diagnostics")
            .current_dir(root)
            .env("PATH", &path),
    )?;
    let generated = out_dir(&messages).ok_or("cargo reported no build script run for pyws")?;
    let built = root
        .join("target")
        .join(WASM_TARGET)
        .join("release/pyws.wasm");
    step(
        Command::new("wasm-bindgen")
            .arg(&built)
            .args(["--target", "web", "--weak-refs", "--out-name", glue])
            .arg("--out-dir")
            .arg(out)
            .env("PATH", &path),
    )?;
    rewrite(out, glue)?;
    let wasm = out.join(format!("{glue}_bg.wasm"));
    step(
        Command::new("wasm-opt")
            .args(WASM_OPT)
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm)
            .env("PATH", &path),
    )?;
    Ok(generated)
}

/// The `out_dir` of pyws's build script in cargo's JSON `messages`, one a
/// line (cargo reports it whether or not the script ran again).
fn out_dir(messages: &str) -> Option<PathBuf> {
    const KEY: &str = "\"out_dir\":\"";
    messages
        .lines()
        .filter(|line| {
            line.contains("\"reason\":\"build-script-executed\"") && line.contains("#pyws@")
        })
        .find_map(|line| {
            let start = line.find(KEY)? + KEY.len();
            let end = start + line[start..].find('"')?;
            let dir = &line[start..end];
            (!dir.contains('\\')).then(|| PathBuf::from(dir))
        })
}

/// wasm-bindgen's output in `dir` rewritten (with walrus) before wasm-opt
/// sees it: std's panic code cut ([`panics`]), and wasm-bindgen's long
/// names shortened in `<glue>_bg.wasm`, `<glue>.js` and the type
/// declarations beside them ([`names`]).
fn rewrite(dir: &Path, glue: &str) -> Result<(), String> {
    let error = |path: &Path, e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let read = |name: &str| {
        let path = dir.join(name);
        fs::read_to_string(&path).map_err(|e| error(&path, &e))
    };
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        fs::write(&path, bytes).map_err(|e| error(&path, &e))
    };
    let (wasm, js) = (format!("{glue}_bg.wasm"), format!("{glue}.js"));
    let path = dir.join(&wasm);
    let mut module = walrus::Module::from_file(&path).map_err(|e| error(&path, &e))?;
    let snipped = panics::snip(&mut module).map_err(|e| error(&path, &e))?;
    let shortened = names::shorten(&mut module, &read(&js)?)?;
    write(&wasm, &module.emit_wasm())?;
    write(&js, shortened.js.as_bytes())?;
    for types in [format!("{glue}.d.ts"), format!("{glue}_bg.wasm.d.ts")] {
        write(
            &types,
            names::rename(&read(&types)?, &shortened.renamed).as_bytes(),
        )?;
    }
    println!(
        "xtask: cut {} panic functions, shortened {} names",
        snipped.len(),
        shortened.renamed.len()
    );
    Ok(())
}

/// Writes to `out` esbuild's minified bundle of the module at `entry` and
/// everything it imports. Minifying renames functions: an adapter that lets
/// Python see a JS function's name sets it (brython.js's `websocket`).
/// `--charset=utf8` keeps the Brython loader's inlined wasm one character a
/// byte (module scripts are always UTF-8).
fn bundle(root: &Path, entry: &Path, out: &Path) -> Result<(), String> {
    esbuild(root, entry, out, &["--format=esm"])
}

/// esbuild's minified bundle of `entry` into `out`, in the output format
/// `format` gives (`--format=…` and its options).
pub fn esbuild(root: &Path, entry: &Path, out: &Path, format: &[&str]) -> Result<(), String> {
    step(
        Command::new(root.join("node_modules/.bin/esbuild"))
            .arg(entry)
            .args(format)
            .args([
                "--bundle",
                "--minify",
                "--charset=utf8",
                "--legal-comments=none",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", out.display())),
    )
}

/// The Brython loader: `@WASM@` is replaced by the wasm, `@API@` and
/// `@MODULES@` by what the build script wrote for the adapter (the JSON the
/// core hands it in `pkg/pyws.js`), `@ADAPTER@` and `@MODULE_SOURCE@` by the
/// paths of `src/host/brython.js` and `src/host/modules.js`, which esbuild
/// bundles in.
const LOADER: &str = include_str!("pyws_brython.js");

/// Writes `pyws_brython.js` (the template `xtask/src/pyws_brython.js`) into
/// `dir`, beside the Brython build's glue, from the build script's files in
/// `generated`. It installs the adapter as it is evaluated, so `websocket`
/// is a builtin before Brython runs the page's scripts (module scripts run
/// before `DOMContentLoaded`, and Brython starts on `load`), while the wasm,
/// inlined, compiles; the first `websocket()` call instantiates it. An
/// `await`ed fetch of the wasm before installing would race with Brython's
/// start.
///
/// The wasm is a string of one character per byte (see [`byte_string`]):
/// gzipped, 34 KB where base64 took 43 KB, since gzip finds the wasm's
/// repeated byte sequences in it as it does in the wasm itself.
fn write_brython_loader(root: &Path, dir: &Path, generated: &Path) -> Result<(), String> {
    let read = |path: PathBuf| fs::read(&path).map_err(|e| format!("{}: {e}", path.display()));
    let text = |name: &str| {
        String::from_utf8(read(generated.join(name))?).map_err(|e| format!("{name}: {e}"))
    };
    let module = |name: &str| quote(&root.join("src/host").join(name).to_string_lossy());
    // The wasm last: nothing is looked for in it.
    let loader = LOADER
        .replacen("@ADAPTER@", &module("brython.js"), 1)
        .replacen("@MODULE_SOURCE@", &module("modules.js"), 1)
        .replacen("@API@", &quote(&text("api.json")?), 1)
        .replacen("@MODULES@", &quote(&text("modules.json")?), 1)
        .replacen("@WASM@", &byte_string(&read(dir.join("pyws_bg.wasm"))?), 1);
    fs::write(dir.join("pyws_brython.js"), loader).map_err(|e| e.to_string())
}

/// The inside of a double-quoted JS string literal whose characters' codes
/// are `bytes`: each byte is the character U+0000 to U+00FF, written as
/// itself (UTF-8 encoded) except for the four a literal cannot hold as they
/// are (`\`, `"`, line feed, carriage return) and NUL, which are escaped.
fn byte_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    for &byte in bytes {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0 => out.push_str("\\x00"),
            _ => out.push(char::from(byte)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{byte_string, out_dir};
    use std::path::PathBuf;

    #[test]
    fn out_dir_is_pyws_s_build_script_s_among_cargo_s_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#js-sys@0.3.107"}"#,
            "\n",
            r#"{"reason":"build-script-executed","package_id":"registry+https://github.com/rust-lang/crates.io-index#wasm-bindgen@0.2.130","out_dir":"/t/build/wasm-bindgen-1/out"}"#,
            "\n",
            r#"{"reason":"build-script-executed","package_id":"path+file:///work/main#pyws@0.1.0","linked_libs":[],"env":[],"out_dir":"/t/build/pyws-2/out"}"#,
            "\n",
        );
        assert_eq!(
            out_dir(messages),
            Some(PathBuf::from("/t/build/pyws-2/out"))
        );
        assert_eq!(
            out_dir(r#"{"reason":"build-finished","success":true}"#),
            None
        );
    }

    #[test]
    fn byte_string_escapes_what_a_literal_cannot_hold_and_keeps_the_rest() {
        assert_eq!(byte_string(b"wasm"), "wasm");
        assert_eq!(byte_string(b"\\\"\n\r\0\t"), "\\\\\\\"\\n\\r\\x00\t");
        assert_eq!(byte_string(&[0x7f, 0x80, 0xff]), "\u{7f}\u{80}\u{ff}");
    }

    #[test]
    fn byte_string_is_one_character_per_byte() {
        let every: Vec<u8> = (0..=255).collect();
        let text = byte_string(&every);
        let mut decoded = Vec::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            decoded.push(match c {
                '\\' => match chars.next() {
                    Some('n') => b'\n',
                    Some('r') => b'\r',
                    Some('x') => {
                        assert_eq!((chars.next(), chars.next()), (Some('0'), Some('0')));
                        0
                    }
                    Some(c) => c as u8,
                    None => panic!("a lone backslash"),
                },
                c => u8::try_from(u32::from(c)).expect("a character above U+00FF"),
            });
        }
        assert_eq!(decoded, every);
    }
}
