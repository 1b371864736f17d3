//! Shortens the names of the functions the wasm imports from its JS glue.
//!
//! wasm-bindgen names each one `__wbg_<name>_<16 hex digits>`, about 40
//! bytes that appear twice, in the wasm's import section and as a key of the
//! glue's import object, and whose hex digits gzip cannot compress. Renamed
//! to `a`, `b`, … in both files, the gzipped package is about 3 KB smaller.
//! Nothing else refers to these names: the wasm's exports keep theirs.

/// Renames, in `wasm` and in its glue `js`, every imported function whose
/// name wasm-bindgen made (`__wbg…`, `__wbindgen…`), and returns how many.
///
/// # Errors
/// When `wasm` is not a module this reader understands, or a name to
/// rename does not appear in `js` (the two would no longer match).
pub fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String, usize), String> {
    let mut module = Reader::new(wasm);
    if module.take(8)? != b"\0asm\x01\0\0\0" {
        return Err("not a wasm module (version 1)".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut exports: Vec<String> = Vec::new();
    while !module.done() {
        let id = module.byte()?;
        let size = module.leb()? as usize;
        let body = module.take(size)?;
        let body = match id {
            2 => rename_imports(body, &mut renamed)?,
            7 => {
                exports = export_names(body)?;
                body.to_vec()
            }
            _ => body.to_vec(),
        };
        out.push(id);
        write_leb(&mut out, body.len() as u32);
        out.extend_from_slice(&body);
    }
    // An import re-exported under the same name would also be reached from
    // the glue as `wasm.<name>`, which renaming would break.
    if let Some((old, _)) = renamed.iter().find(|(old, _)| exports.contains(old)) {
        return Err(format!("{old} is both imported and exported"));
    }
    let mut js = js.to_owned();
    for (old, new) in &renamed {
        let (replaced, count) = replace_identifier(&js, old, new);
        if count == 0 {
            return Err(format!("the glue never names the import {old}"));
        }
        js = replaced;
    }
    Ok((out, js, renamed.len()))
}

/// The import section with wasm-bindgen's function names shortened; each
/// renaming is added to `renamed`.
fn rename_imports(body: &[u8], renamed: &mut Vec<(String, String)>) -> Result<Vec<u8>, String> {
    let mut section = Reader::new(body);
    let count = section.leb()?;
    let mut out = Vec::with_capacity(body.len());
    write_leb(&mut out, count);
    for _ in 0..count {
        let module = section.name()?;
        let field = section.name()?;
        let kind = section.byte()?;
        if kind != 0 {
            return Err(format!("import {field} is not a function (kind {kind})"));
        }
        let type_index = section.leb()?;
        let field = if field.starts_with("__wbg") || field.starts_with("__wbindgen") {
            let new = short_name(renamed.len());
            renamed.push((field.to_owned(), new.clone()));
            new
        } else {
            field.to_owned()
        };
        write_name(&mut out, module);
        write_name(&mut out, &field);
        out.push(kind);
        write_leb(&mut out, type_index);
    }
    if !section.done() {
        return Err("trailing bytes in the import section".into());
    }
    Ok(out)
}

/// The names in an export section.
fn export_names(body: &[u8]) -> Result<Vec<String>, String> {
    let mut section = Reader::new(body);
    let count = section.leb()?;
    let mut names = Vec::new();
    for _ in 0..count {
        names.push(section.name()?.to_owned());
        section.byte()?; // kind
        section.leb()?; // index
    }
    Ok(names)
}

/// `a` … `z`, `A` … `Z`, then `aa`, `ab`, …: valid JS identifiers, none of
/// them starting with `__wbg`.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.insert(0, LETTERS[index % 52]);
        if index < 52 {
            break;
        }
        index = index / 52 - 1;
    }
    String::from_utf8(name).expect("ASCII letters")
}

/// `text` with every whole-identifier occurrence of `old` replaced by
/// `new`, and how many there were.
fn replace_identifier(text: &str, old: &str, new: &str) -> (String, usize) {
    let is_ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(at) = rest.find(old) {
        out.push_str(&rest[..at]);
        let after = rest[at + old.len()..].chars().next();
        if is_ident(out.chars().next_back()) || is_ident(after) {
            out.push_str(old);
        } else {
            out.push_str(new);
            count += 1;
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    (out, count)
}

/// Reads a wasm binary front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let taken = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or("the wasm ends too soon")?;
        self.at += n;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    /// An unsigned LEB128 number of at most 32 bits.
    fn leb(&mut self) -> Result<u32, String> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number in the wasm is too long".into())
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "a name in the wasm is not UTF-8".into())
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u32);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `./g.js` `__wbg_f_0123` and `env` `keep`
    /// (functions of type 0), and exporting memory as `memory`.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        write_leb(&mut imports, 2);
        for (module, field) in [("./g.js", "__wbg_f_0123"), ("env", "keep")] {
            write_name(&mut imports, module);
            write_name(&mut imports, field);
            imports.extend_from_slice(&[0, 0]);
        }
        let mut exports = Vec::new();
        write_leb(&mut exports, 1);
        write_name(&mut exports, "memory");
        exports.extend_from_slice(&[2, 0]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in [(1, vec![1, 0x60, 0, 0]), (2, imports), (7, exports)] {
            wasm.push(id);
            write_leb(&mut wasm, body.len() as u32);
            wasm.extend(body);
        }
        wasm
    }

    #[test]
    fn renames_wasm_bindgen_imports_in_both_files() {
        let js = "const i = { __wbg_f_0123: function() {}, x__wbg_f_0123: 1 };";
        let (wasm, js, count) = shorten(&module(), js).unwrap();
        assert_eq!(count, 1);
        assert_eq!(js, "const i = { a: function() {}, x__wbg_f_0123: 1 };");
        let text = String::from_utf8_lossy(&wasm);
        assert!(!text.contains("__wbg_f_0123"));
        assert!(text.contains("keep") && text.contains("memory"));
        assert_eq!(wasm.len(), module().len() - "__wbg_f_0123".len() + 1);
    }

    #[test]
    fn a_name_missing_from_the_glue_is_an_error() {
        assert!(shorten(&module(), "nothing here").is_err());
        assert!(shorten(b"\0asm\x02\0\0\0", "").is_err());
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(names[0], "a");
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}
