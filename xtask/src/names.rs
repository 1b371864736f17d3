//! Shortens the names wasm-bindgen gives what the wasm imports from its JS
//! glue and the closures' entry points it exports.
//!
//! wasm-bindgen names each imported function `__wbg_<name>_<16 hex digits>`
//! and each closure's entry point `wasm_bindgen__convert__closures_____invoke__h<16 hex digits>`,
//! about 40 to 65 bytes that appear in both the wasm and the glue, and whose
//! hex digits gzip cannot compress. Renamed to `a`, `b`, … in both, the
//! gzipped package is about 3 KB smaller. The other exports keep their
//! names.

use walrus::{ImportKind, Module};

/// The glue with the names shortened.
pub struct Shortened {
    /// The glue.
    pub js: String,
    /// Each old name and the new one.
    pub renamed: Vec<(String, String)>,
}

/// Renames, in `module` and in its glue `js`, every imported function whose
/// name wasm-bindgen made (`__wbg…`, `__wbindgen…`) and every exported
/// closure entry point (`wasm_bindgen__convert__closures…`).
///
/// # Errors
/// When the module imports anything but functions, an import would be
/// renamed that is also exported, or a name to rename does not appear in
/// `js` (the two would no longer match).
pub fn shorten(module: &mut Module, js: &str) -> Result<Shortened, String> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    for import in module.imports.iter_mut() {
        if !matches!(import.kind, ImportKind::Function(_)) {
            return Err(format!("import {} is not a function", import.name));
        }
        if import.name.starts_with("__wbg") || import.name.starts_with("__wbindgen") {
            import.name = new_name(&import.name, &mut renamed);
        }
    }
    for export in module.exports.iter_mut() {
        if export.name.starts_with("wasm_bindgen__convert__closures") {
            export.name = new_name(&export.name, &mut renamed);
        }
    }
    // An import re-exported under the same name would also be reached from
    // the glue as `wasm.<name>`, which renaming would break.
    if let Some((old, _)) = renamed
        .iter()
        .find(|(old, _)| module.exports.iter().any(|export| &export.name == old))
    {
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
    Ok(Shortened { js, renamed })
}

/// `text` (a type declaration file) with the renamings applied.
pub fn rename(text: &str, renamed: &[(String, String)]) -> String {
    renamed.iter().fold(text.to_owned(), |text, (old, new)| {
        replace_identifier(&text, old, new).0
    })
}

/// A new short name for `name`, recorded in `renamed`.
fn new_name(name: &str, renamed: &mut Vec<(String, String)>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use walrus::{FunctionBuilder, ModuleConfig};

    /// A module importing `./g.js` `__wbg_f_0123` and `env` `keep`
    /// (functions of type `[] -> []`), and exporting memory as `memory` and a
    /// function as `wasm_bindgen__convert__closures_invoke__h01`.
    fn module() -> Module {
        let mut module = Module::with_config(ModuleConfig::new());
        let ty = module.types.add(&[], &[]);
        module.add_import_func("./g.js", "__wbg_f_0123", ty);
        module.add_import_func("env", "keep", ty);
        let memory = module.memories.add_local(false, false, 1, None, None);
        module.exports.add("memory", memory);
        let mut function = FunctionBuilder::new(&mut module.types, &[], &[]);
        function.func_body();
        let function = function.finish(vec![], &mut module.funcs);
        module
            .exports
            .add("wasm_bindgen__convert__closures_invoke__h01", function);
        module
    }

    /// The module's imports and exports, by name.
    fn names(module: &Module) -> (Vec<String>, Vec<String>) {
        (
            module.imports.iter().map(|i| i.name.clone()).collect(),
            module.exports.iter().map(|e| e.name.clone()).collect(),
        )
    }

    #[test]
    fn renames_imports_and_closure_exports_in_both_files() {
        let js = "const i = { __wbg_f_0123: function() {}, x__wbg_f_0123: 1 }; \
                  wasm.wasm_bindgen__convert__closures_invoke__h01(); wasm.memory;";
        let mut wasm = module();
        let shortened = shorten(&mut wasm, js).unwrap();
        assert_eq!(
            shortened.js,
            "const i = { a: function() {}, x__wbg_f_0123: 1 }; \
                  wasm.b(); wasm.memory;"
        );
        // What would be emitted, read back.
        let wasm = Module::from_buffer(&wasm.emit_wasm()).unwrap();
        assert_eq!(
            names(&wasm),
            (
                vec!["a".to_owned(), "keep".to_owned()],
                vec!["memory".to_owned(), "b".to_owned()]
            )
        );
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
        assert!(shorten(&mut module(), "nothing here").is_err());
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
