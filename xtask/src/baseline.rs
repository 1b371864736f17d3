//! `cargo xtask bench --baseline REV`: the package an earlier commit builds,
//! benchmarked beside this build's in the same run.
//!
//! REV is checked out as a detached git worktree in
//! `target/bench/baseline-src/` (kept for the next run with the same REV),
//! which builds its own `pkg/` with its own
//! `cargo xtask build` (its own tools and npm packages, so the package is
//! exactly what that commit shipped); that `pkg/` is copied to
//! `target/bench/baseline/pkg/`, which the dev server serves at
//! `/baseline/pkg/` for the bench page's `pyws-<interpreter>@baseline` rows.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::run::{capture, step};

/// Builds REV's package into `target/bench/baseline/pkg/` and returns the
/// commit's short name, which labels the baseline rows.
pub fn build(root: &Path, rev: &str) -> Result<String, String> {
    let commit = capture(
        Command::new("git")
            .args(["rev-parse", "--short", &format!("{rev}^{{commit}}")])
            .current_dir(root),
    )
    .map_err(|_| format!("--baseline {rev}: not a commit of this repository"))?
    .trim()
    .to_string();
    let source = root.join("target/bench/baseline-src");
    // A worktree an earlier run left at this commit is built again (its
    // target/ and node_modules/ make that quick); at another, made anew.
    let checked_out = source
        .join(".git")
        .exists()
        .then(|| {
            capture(
                Command::new("git")
                    .args(["rev-parse", "--short", "HEAD"])
                    .current_dir(&source),
            )
            .ok()
        })
        .flatten();
    if checked_out.as_deref().map(str::trim) != Some(commit.as_str()) {
        if source.exists() {
            let _ = Command::new("git")
                .args(["worktree", "remove", "--force"])
                .arg(&source)
                .current_dir(root)
                .status();
            let _ = fs::remove_dir_all(&source);
        }
        step(
            Command::new("git")
                .args(["worktree", "prune"])
                .current_dir(root),
        )?;
        step(
            Command::new("git")
                .args(["worktree", "add", "--detach"])
                .arg(&source)
                .arg(&commit)
                .current_dir(root),
        )?;
    }
    step(
        Command::new("cargo")
            .args(["xtask", "build"])
            .current_dir(&source),
    )?;
    let pkg = root.join("target/bench/baseline/pkg");
    let _ = fs::remove_dir_all(&pkg);
    fs::create_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;
    for entry in fs::read_dir(source.join("pkg")).map_err(|e| format!("baseline pkg/: {e}"))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().map_err(|e| e.to_string())?.is_file() {
            fs::copy(entry.path(), pkg.join(entry.file_name()))
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    fs::write(root.join("target/bench/baseline/COMMIT"), &commit).map_err(|e| e.to_string())?;
    Ok(commit)
}
