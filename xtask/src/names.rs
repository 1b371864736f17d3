//! Shortens the names wasm-bindgen gives what the wasm imports from its JS
//! glue and what it exports to it.
//!
//! wasm-bindgen names each imported function `__wbg_<name>_<16 hex digits>`
//! and each closure's entry point `wasm_bindgen__convert__closures_____invoke__h<16 hex digits>`,
//! about 40 to 65 bytes that appear in both the wasm and the glue, and whose
//! hex digits gzip cannot compress; the other exports are `socket_send`,
//! `__wbindgen_malloc` and the like, which the glue calls as
//! `wasm.<name>`, some of them a dozen times. Renamed to `a`, `b`, … in
//! both, the most used first, the gzipped Pyodide and MicroPython
//! package is 3.8 KB smaller. The memory keeps its name, and so do the exports the glue never
//! calls (`__instance_terminated`, for other readers of the module).

use std::cmp::Reverse;

use walrus::{ImportKind, Module};

/// The glue with the names shortened.
pub struct Shortened {
    /// The glue.
    pub js: String,
    /// Each old name and the new one.
    pub renamed: Vec<(String, String)>,
}

/// A name to shorten, and how the glue writes it.
struct Name {
    old: String,
    /// An export, which the glue reaches as `wasm.<name>`; else an import,
    /// which it defines under its name.
    export: bool,
    /// How often the glue writes it.
    uses: usize,
}

impl Name {
    /// The name as the glue writes it, `name` being its own or its new one.
    fn in_glue(&self, name: &str) -> String {
        if self.export {
            format!("wasm.{name}")
        } else {
            name.to_owned()
        }
    }
}

/// Renames, in `module` and in its glue `js`, every imported function whose
/// name wasm-bindgen made (`__wbg…`, `__wbindgen…`) and every export but
/// `memory` that the glue calls, the names the glue writes most often
/// getting the shortest.
///
/// # Errors
/// When the module imports anything but functions, an import would be
/// renamed that is also exported, a name to rename does not appear in `js`
/// (the two would no longer match), or the glue names an export other than
/// as `wasm.<name>`.
pub fn shorten(module: &mut Module, js: &str) -> Result<Shortened, String> {
    let mut names = Vec::new();
    for import in module.imports.iter() {
        if !matches!(import.kind, ImportKind::Function(_)) {
            return Err(format!("import {} is not a function", import.name));
        }
        if import.name.starts_with("__wbg") || import.name.starts_with("__wbindgen") {
            names.push((import.name.clone(), false));
        }
    }
    for export in module.exports.iter() {
        // An import re-exported under the same name would be reached from
        // the glue both ways, and renamed only one.
        if names.iter().any(|(old, _)| *old == export.name) {
            return Err(format!("{} is both imported and exported", export.name));
        }
        if export.name != "memory" {
            names.push((export.name.clone(), true));
        }
    }
    let count = |text: &str| replace_identifier(js, text, "").1;
    let mut shortened = Vec::new();
    for (old, export) in names {
        let mut name = Name {
            old,
            export,
            uses: 0,
        };
        name.uses = count(&name.in_glue(&name.old));
        if name.uses > 0 {
            shortened.push(name);
        } else if !export || count(&name.old) > 0 {
            return Err(format!("the glue never names {}", name.in_glue(&name.old)));
        }
        // Else an export the glue never calls, there for other readers of
        // the module (`__instance_terminated`): it keeps its name.
    }
    let mut names = shortened;
    names.sort_by_key(|name| Reverse(name.uses));
    let renamed: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (name.old.clone(), short_name(index)))
        .collect();
    // A new name that is also an old one would be renamed twice.
    if let Some((old, _)) = renamed
        .iter()
        .find(|(old, _)| renamed.iter().any(|(_, new)| new == old))
    {
        return Err(format!("{old} is one of the short names"));
    }
    let new_name = |old: &str| {
        renamed
            .iter()
            .find(|(name, _)| name == old)
            .map(|(_, new)| new.clone())
    };
    for import in module.imports.iter_mut() {
        if let Some(new) = new_name(&import.name) {
            import.name = new;
        }
    }
    for export in module.exports.iter_mut() {
        if let Some(new) = new_name(&export.name) {
            export.name = new;
        }
    }
    let mut js = js.to_owned();
    for (name, (_, new)) in names.iter().zip(&renamed) {
        js = replace_identifier(&js, &name.in_glue(&name.old), &name.in_glue(new)).0;
    }
    Ok(Shortened { js, renamed })
}

/// `text` (a type declaration file) with the renamings applied to the
/// declarations of the module's exports (`export const <name>:` and
/// `InitOutput`'s `readonly <name>:`); the glue's own functions of the same
/// names (`install`) keep theirs.
pub fn rename(text: &str, renamed: &[(String, String)]) -> String {
    renamed.iter().fold(text.to_owned(), |text, (old, new)| {
        ["export const ", "readonly "]
            .iter()
            .fold(text, |text, declaration| {
                text.replace(
                    &format!("{declaration}{old}:"),
                    &format!("{declaration}{new}:"),
                )
            })
    })
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
    /// (functions of type `[] -> []`), and exporting memory as `memory` and
    /// a function as `wasm_bindgen__convert__closures_invoke__h01`, as
    /// `install`, as `__wbindgen_malloc` and as `__instance_terminated`.
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
        for name in [
            "wasm_bindgen__convert__closures_invoke__h01",
            "install",
            "__wbindgen_malloc",
            "__instance_terminated",
        ] {
            module.exports.add(name, function);
        }
        module
    }

    /// The module's imports and exports, by name.
    fn names(module: &Module) -> (Vec<String>, Vec<String>) {
        (
            module.imports.iter().map(|i| i.name.clone()).collect(),
            module.exports.iter().map(|e| e.name.clone()).collect(),
        )
    }

    /// A glue for [`module`]: `__wbindgen_malloc` called twice,
    /// `__instance_terminated` never, everything else named once, and a
    /// function of its own named `install`.
    const GLUE: &str = "const i = { __wbg_f_0123: function() {}, x__wbg_f_0123: 1 }; \
        export function install() { wasm.install(wasm.__wbindgen_malloc); } \
        wasm.wasm_bindgen__convert__closures_invoke__h01(wasm.__wbindgen_malloc); \
        wasm.memory; wasm.installer;";

    #[test]
    fn renames_imports_and_exports_in_the_wasm_and_the_glue_the_most_used_first() {
        let mut wasm = module();
        let shortened = shorten(&mut wasm, GLUE).unwrap();
        assert_eq!(
            shortened.js,
            "const i = { b: function() {}, x__wbg_f_0123: 1 }; \
        export function install() { wasm.d(wasm.a); } \
        wasm.c(wasm.a); \
        wasm.memory; wasm.installer;"
        );
        // What would be emitted, read back.
        let wasm = Module::from_buffer(&wasm.emit_wasm()).unwrap();
        let expected = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            names(&wasm),
            (
                expected(&["b", "keep"]),
                expected(&["memory", "c", "d", "a", "__instance_terminated"])
            )
        );
    }

    #[test]
    fn the_declarations_of_the_exports_are_renamed_and_the_glue_s_functions_are_not() {
        let shortened = shorten(&mut module(), GLUE).unwrap();
        assert_eq!(
            rename(
                "export function install(): void;\n\
                 export interface InitOutput { readonly install: () => void; }\n\
                 export const install: () => void;",
                &shortened.renamed
            ),
            "export function install(): void;\n\
             export interface InitOutput { readonly d: () => void; }\n\
             export const d: () => void;"
        );
    }

    #[test]
    fn a_name_missing_from_the_glue_is_an_error() {
        assert!(shorten(&mut module(), "nothing here").is_err());
        // Named, but not as the glue calls an export.
        let uncalled = GLUE.replace("wasm.install(", "install(");
        assert!(shorten(&mut module(), &uncalled).is_err());
        let otherwise = format!("{GLUE} exports.__instance_terminated;");
        assert!(shorten(&mut module(), &otherwise).is_err());
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
