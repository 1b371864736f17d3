//! The Python shim as it ships: without what only a reader needs.
//!
//! Used by the build script (`build.rs`), which embeds the result, and
//! tested natively here. A smaller source is less for Pyodide and
//! MicroPython to tokenize and compile when pyws installs (and fewer bytes
//! in the wasm). It keeps everything a Python user can see: docstrings of
//! public names stay, verbatim.
//!
//! It knows the shim's own style, not all of Python: indents are multiples
//! of four spaces, and a string spanning lines is triple-quoted.

/// What the scanner is inside of at a line's end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Quote {
    /// Plain code.
    None,
    /// A triple-quoted string opened with this quote character.
    Triple(u8),
}

/// `source` without comments, blank lines and the docstrings of private
/// functions and classes (named `_x`, not dunders), indented one space per
/// level instead of four.
pub fn python(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut quote = Quote::None;
    // Inside a dropped docstring that spans lines.
    let mut dropping = false;
    // The previous line kept was `def _x(...):` or `class _X...:`.
    let mut after_private_header = false;
    for line in source.lines() {
        let continued = quote != Quote::None;
        let (code_end, end) = scan(line.as_bytes(), quote);
        quote = end;
        if continued {
            // A string's later lines are kept as they are.
            if !dropping {
                out.push_str(line);
                out.push('\n');
            }
            dropping &= quote != Quote::None;
            continue;
        }
        let code = line[..code_end].trim_end();
        let body = code.trim_start();
        if body.is_empty() {
            continue;
        }
        if after_private_header && (body.starts_with("\"\"\"") || body.starts_with("'''")) {
            dropping = quote != Quote::None;
            after_private_header = false;
            continue;
        }
        after_private_header = is_private_header(body);
        let indent = (code.len() - body.len()) / 4;
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(body);
        out.push('\n');
    }
    out
}

/// Scans one line starting in `quote`: where its comment starts (or its
/// length), and what it ends inside of.
fn scan(line: &[u8], mut quote: Quote) -> (usize, Quote) {
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        match quote {
            Quote::Triple(q) => {
                if c == b'\\' {
                    i += 1;
                } else if line[i..].starts_with(&[q, q, q]) {
                    quote = Quote::None;
                    i += 2;
                }
            }
            Quote::None => match c {
                b'#' => return (i, quote),
                b'"' | b'\'' if line[i..].starts_with(&[c, c, c]) => {
                    quote = Quote::Triple(c);
                    i += 2;
                }
                b'"' | b'\'' => i = string_end(line, i),
                _ => {}
            },
        }
        i += 1;
    }
    (line.len(), quote)
}

/// The index of the quote closing the one-line string opened at `start`.
fn string_end(line: &[u8], start: usize) -> usize {
    let quote = line[start];
    let mut i = start + 1;
    while i < line.len() && line[i] != quote {
        i += if line[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// `def _x(...):`, `async def _x(...):` or `class _X...:` on one line, but
/// not a dunder such as `def __init__`.
fn is_private_header(body: &str) -> bool {
    let name = ["def ", "async def ", "class "]
        .iter()
        .find_map(|keyword| body.strip_prefix(keyword));
    matches!(name, Some(name) if name.starts_with('_') && !name.starts_with("__"))
        && body.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::python;

    #[test]
    fn drops_comments_blank_lines_and_reindents() {
        let source = "# header\n\nimport x  # why\n\ndef f(a):\n    if a:\n        return '#'  # not this\n    return \"a#b\"\n";
        assert_eq!(
            python(source),
            "import x\ndef f(a):\n if a:\n  return '#'\n return \"a#b\"\n"
        );
    }

    #[test]
    fn drops_private_docstrings_and_keeps_public_ones_verbatim() {
        let source = concat!(
            "def _private():\n",
            "    \"\"\"Gone,\n",
            "    all of it.\"\"\"\n",
            "    return 1\n",
            "class _Hidden:\n",
            "    \"\"\"Gone.\"\"\"\n",
            "    x = 1\n",
            "def public():\n",
            "    \"\"\"Kept,\n",
            "    # with this line\n",
            "    as written.\"\"\"\n",
            "    return 2\n",
            "def __init__(self):\n",
            "    \"\"\"A dunder's stays.\"\"\"\n",
        );
        assert_eq!(
            python(source),
            concat!(
                "def _private():\n",
                " return 1\n",
                "class _Hidden:\n",
                " x = 1\n",
                "def public():\n",
                " \"\"\"Kept,\n",
                "    # with this line\n",
                "    as written.\"\"\"\n",
                " return 2\n",
                "def __init__(self):\n",
                " \"\"\"A dunder's stays.\"\"\"\n",
            )
        );
    }

    #[test]
    fn strings_hold_quotes_escapes_and_hashes() {
        let source = "a = \"it's # \\\" here\"  # gone\nb = '\"\"\"'\nc = 1\n";
        assert_eq!(
            python(source),
            "a = \"it's # \\\" here\"\nb = '\"\"\"'\nc = 1\n"
        );
    }

    #[test]
    fn the_shim_shrinks_and_keeps_its_public_docstrings() {
        let shim = include_str!("websocket.py");
        let small = python(shim);
        assert!(
            small.len() < shim.len() * 4 / 5,
            "{} of {} bytes",
            small.len(),
            shim.len()
        );
        assert!(!small.contains("\n#") && !small.contains("  #"));
        assert!(small.contains("Sends str as a text frame"));
        let install = python(include_str!("install.py"));
        assert!(install.contains("_target.websocket = websocket"));
        assert!(install.contains("sys.modules[\"pyws\"] = module"));
    }
}
