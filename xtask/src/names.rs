//! Shortens the names wasm-bindgen gives what the wasm imports from its JS
//! glue and the closures' entry points it exports.
//!
//! wasm-bindgen names each imported function `__wbg_<name>_<16 hex digits>`
//! and each closure's entry point `wasm_bindgen__convert__closures_____invoke__h<16 hex digits>`,
//! about 40 to 65 bytes that appear in both the wasm and the glue, and whose
//! hex digits gzip cannot compress. Renamed to `a`, `b`, … in both, the
//! gzipped package is about 3 KB smaller. The other exports keep their
//! names.

/// The package with the names shortened.
pub struct Shortened {
    /// The wasm module.
    pub wasm: Vec<u8>,
    /// Its glue.
    pub js: String,
    /// Each old name and the new one.
    pub renamed: Vec<(String, String)>,
}

/// Renames, in `wasm` and in its glue `js`, every imported function whose
/// name wasm-bindgen made (`__wbg…`, `__wbindgen…`) and every exported
/// closure entry point (`wasm_bindgen__convert__closures…`).
///
/// # Errors
/// When `wasm` is not a module this reader understands, or a name to
/// rename does not appear in `js` (the two would no longer match).
pub fn shorten(wasm: &[u8], js: &str) -> Result<Shortened, String> {
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
            2 => rename_section(body, true, &mut renamed, &mut exports)?,
            7 => rename_section(body, false, &mut renamed, &mut exports)?,
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
            return Err(format!("the glue never names {old}"));
        }
        js = replaced;
    }
    Ok(Shortened {
        wasm: out,
        js,
        renamed,
    })
}

/// `text` (a type declaration file) with the renamings applied.
pub fn rename(text: &str, renamed: &[(String, String)]) -> String {
    renamed.iter().fold(text.to_owned(), |text, (old, new)| {
        replace_identifier(&text, old, new).0
    })
}

/// The import (`imports`) or export section with wasm-bindgen's long names
/// shortened: imported functions' and exported closure entry points'. Each
/// renaming is added to `renamed`, and each export's final name to
/// `exports`.
fn rename_section(
    body: &[u8],
    imports: bool,
    renamed: &mut Vec<(String, String)>,
    exports: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    let mut section = Reader::new(body);
    let count = section.leb()?;
    let mut out = Vec::with_capacity(body.len());
    write_leb(&mut out, count);
    for _ in 0..count {
        if imports {
            write_name(&mut out, section.name()?); // the module
        }
        let name = section.name()?;
        let kind = section.byte()?;
        if imports && kind != 0 {
            return Err(format!("import {name} is not a function (kind {kind})"));
        }
        // An import's type, or what an export exports.
        let index = section.leb()?;
        let long = if imports {
            name.starts_with("__wbg") || name.starts_with("__wbindgen")
        } else {
            name.starts_with("wasm_bindgen__convert__closures")
        };
        let name = new_name(name, long, renamed);
        write_name(&mut out, &name);
        out.push(kind);
        write_leb(&mut out, index);
        if !imports {
            exports.push(name);
        }
    }
    if !section.done() {
        return Err("trailing bytes in an import or export section".into());
    }
    Ok(out)
}

/// `name` as it stays, or when `shorten`, a new short name, recorded in
/// `renamed`.
fn new_name(name: &str, shorten: bool, renamed: &mut Vec<(String, String)>) -> String {
    if !shorten {
        return name.to_owned();
    }
    let new = short_name(renamed.len());
    renamed.push((name.to_owned(), new.clone()));
    new
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
    /// (functions of type 0), and exporting memory as `memory` and function
    /// 0 as `wasm_bindgen__convert__closures_invoke__h01`.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        write_leb(&mut imports, 2);
        for (module, field) in [("./g.js", "__wbg_f_0123"), ("env", "keep")] {
            write_name(&mut imports, module);
            write_name(&mut imports, field);
            imports.extend_from_slice(&[0, 0]);
        }
        let mut exports = Vec::new();
        write_leb(&mut exports, 2);
        write_name(&mut exports, "memory");
        exports.extend_from_slice(&[2, 0]);
        write_name(&mut exports, "wasm_bindgen__convert__closures_invoke__h01");
        exports.extend_from_slice(&[0, 0]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in [(1, vec![1, 0x60, 0, 0]), (2, imports), (7, exports)] {
            wasm.push(id);
            write_leb(&mut wasm, body.len() as u32);
            wasm.extend(body);
        }
        wasm
    }

    #[test]
    fn renames_imports_and_closure_exports_in_both_files() {
        let js = "const i = { __wbg_f_0123: function() {}, x__wbg_f_0123: 1 }; \
                  wasm.wasm_bindgen__convert__closures_invoke__h01(); wasm.memory;";
        let shortened = shorten(&module(), js).unwrap();
        assert_eq!(
            shortened.js,
            "const i = { a: function() {}, x__wbg_f_0123: 1 }; \
                  wasm.b(); wasm.memory;"
        );
        let text = String::from_utf8_lossy(&shortened.wasm);
        assert!(!text.contains("__wbg_f_0123") && !text.contains("closures"));
        assert!(text.contains("keep") && text.contains("memory"));
        let saved = "__wbg_f_0123".len() + "wasm_bindgen__convert__closures_invoke__h01".len() - 2;
        assert_eq!(shortened.wasm.len(), module().len() - saved);
        assert_eq!(
            rename(
                "readonly wasm_bindgen__convert__closures_invoke__h01: () => void;",
                &shortened.renamed
            ),
            "readonly b: () => void;"
        );
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
