//! `cargo xtask test`'s type checks: mypy (in the bootstrap's venv) reads
//! the README's Python examples and `www/demo.py` against pyws's stubs
//! (`python/pyws/__init__.pyi`), and must refuse each wrong call in
//! `tests/typecheck/wrong_calls.py`, so the first check can fail. And the
//! `websockets` and `websocket-client` compatibility tables are checked
//! against the real libraries' names.
//!
//! mypy knows no new builtins: each example is checked after a prelude that
//! imports them from `pyws`, as a user's code would.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bootstrap;
use crate::run::step;

/// What every README example is checked after: the builtins imported, and
/// the names the examples take as given (a URL, an open socket).
const README_PRELUDE: &str = "\
from pyws import ConnectionClosed, ConnectionClosedError, ConnectionClosedOK, websocket
url = \"ws://127.0.0.1:8000/echo\"
ws = websocket(url)
";

/// What www/runtimes.js defines before the demo runs, as types.
const DEMO_PRELUDE: &str = "\
from typing import Any, Callable
from pyws import websocket
document: Any
window: Any
def on(element: Any, event: str, fn: Callable[[Any], object]) -> None: ...
";

/// The mark of a line in the fixture that mypy must refuse.
const WRONG: &str = "# wrong";

/// Type-checks the README's ```python blocks and www/demo.py, each written
/// with its prelude into `target/typecheck/` (`readme_<line>.py` is the
/// block starting at that README line).
pub fn check_examples(root: &Path) -> Result<(), String> {
    let dir = root.join("target/typecheck");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let read = |path: &str| fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"));
    let mut files = Vec::new();
    for (line, block) in python_blocks(&read("README.md")?) {
        files.push(write(
            &dir,
            &format!("readme_{line}.py"),
            README_PRELUDE,
            &block,
        )?);
    }
    if files.is_empty() {
        return Err("README.md has no ```python example to check".into());
    }
    files.push(write(&dir, "demo.py", DEMO_PRELUDE, &read("www/demo.py")?)?);
    step(mypy(root).args(&files))
}

/// Runs mypy on `tests/typecheck/wrong_calls.py` and checks that it fails
/// with an error on each line marked `# wrong` and on no other.
pub fn check_refusals(root: &Path) -> Result<(), String> {
    let fixture = root.join("tests/typecheck/wrong_calls.py");
    let source = fs::read_to_string(&fixture).map_err(|e| format!("{}: {e}", fixture.display()))?;
    let marked: BTreeSet<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim_end().ends_with(WRONG))
        .map(|(index, _)| index + 1)
        .collect();
    let output = mypy(root)
        .arg(&fixture)
        .output()
        .map_err(|e| format!("cannot run mypy: {e}"))?;
    let report = String::from_utf8_lossy(&output.stdout);
    print!("{report}");
    let refused = refused_lines(&report);
    if output.status.success() || refused != marked {
        return Err(format!(
            "mypy should refuse exactly the lines marked {WRONG:?} in {} ({marked:?}), but refused {refused:?}",
            fixture.display()
        ));
    }
    println!(
        "xtask: mypy refused the {} wrong calls, and nothing else",
        marked.len()
    );
    Ok(())
}

/// mypy on pyws's stubs, checking the bodies of unannotated functions too
/// (the examples annotate nothing).
fn mypy(root: &Path) -> Command {
    let mut command = Command::new(bootstrap::python_venv(root).join("bin/mypy"));
    command
        .args(["--check-untyped-defs", "--no-color-output", "--cache-dir"])
        .arg(root.join("target/typecheck-cache"))
        .env("MYPYPATH", root.join("python"))
        .current_dir(root);
    command
}

fn write(dir: &Path, name: &str, prelude: &str, body: &str) -> Result<PathBuf, String> {
    let path = dir.join(name);
    fs::write(&path, format!("{prelude}{body}\n")).map_err(|e| format!("{name}: {e}"))?;
    Ok(path)
}

/// The ```python blocks of a Markdown text, each with the line its code
/// starts on.
fn python_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (index, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim()) {
            (None, "```python") => current = Some((index + 2, Vec::new())),
            (Some(_), "```") => {
                let (start, lines) = current.take().expect("in a block");
                blocks.push((start, lines.join("\n")));
            }
            (Some((_, lines)), _) => lines.push(line),
            (None, _) => {}
        }
    }
    blocks
}

/// The line numbers of mypy's `file:LINE: error: …` reports.
fn refused_lines(report: &str) -> BTreeSet<usize> {
    report
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ':');
            let (_, number, rest) = (parts.next()?, parts.next()?, parts.next()?);
            rest.trim_start()
                .starts_with("error")
                .then(|| number.parse().ok())
                .flatten()
        })
        .collect()
}

/// Checks that docs/websockets.md names every public client-side name of
/// the real `websockets`, and docs/blocking.md every public name of the real
/// `websocket-client` (both in the bootstrap's venv):
/// `tests/compat/websockets_names.py`, `tests/compat/websocket_client_names.py`.
pub fn check_compatibility_tables(root: &Path) -> Result<(), String> {
    for (script, table) in [
        ("tests/compat/websockets_names.py", "docs/websockets.md"),
        ("tests/compat/websocket_client_names.py", "docs/blocking.md"),
    ] {
        step(
            Command::new(bootstrap::python_venv(root).join("bin/python"))
                .arg(script)
                .arg(table)
                .current_dir(root),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_blocks_are_found_with_their_first_line() {
        let markdown = "# t\n```python\na = 1\nb = 2\n```\n```js\nx\n```\n```python\nc\n```\n";
        assert_eq!(
            python_blocks(markdown),
            [(3, "a = 1\nb = 2".to_string()), (10, "c".to_string())]
        );
    }

    #[test]
    fn only_error_lines_count_as_refused() {
        let report =
            "f.py:6: error: Argument 1 [arg-type]\nf.py:7: note: see\nFound 1 error in 1 file\n";
        assert_eq!(refused_lines(report), BTreeSet::from([6]));
    }
}
