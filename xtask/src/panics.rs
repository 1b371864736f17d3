//! Cuts std's panic machinery out of the linked wasm, as nightly's
//! `panic_immediate_abort` would on stable.
//!
//! The release profile aborts on panic, and on `wasm32-unknown-unknown`
//! std's default panic hook has nowhere to write, so every panic already
//! ends in an `unreachable` trap, after formatting a message nobody reads.
//! The formatting stays linked all the same: the function table
//! wasm-bindgen exports holds the panic payloads' vtables, and they reach
//! `core::fmt`. With the panic functions' bodies replaced by `unreachable`
//! a panic traps at once, as before, and wasm-opt then drops `core::fmt`
//! and everything else only they reach (about 1.9 KB of each gzipped
//! package; `docs/internals.md` "Size rules").

use walrus::{FunctionKind, Module};

/// The function every panic with a message goes through. If a toolchain
/// renames it, [`snip`] fails rather than let the size come back unseen.
const PANIC_FMT: &str = "core::panicking::panic_fmt";

/// Replaces with `unreachable` the body of every function of `module` that
/// [`only_panics`] names, and gives their names.
///
/// # Errors
/// When the module has no name for [`PANIC_FMT`] (built without its name
/// section, or by a toolchain that names it otherwise).
pub fn snip(module: &mut Module) -> Result<Vec<String>, String> {
    let mut snipped = Vec::new();
    for function in module.funcs.iter_mut() {
        let Some(name) = function.name.as_deref().map(plain) else {
            continue;
        };
        let FunctionKind::Local(local) = &mut function.kind else {
            continue;
        };
        if !only_panics(&name) {
            continue;
        }
        let entry = local.entry_block();
        let mut body = local.builder_mut().instr_seq(entry);
        body.instrs_mut().clear();
        body.unreachable();
        snipped.push(name);
    }
    if !snipped.iter().any(|name| name == PANIC_FMT) {
        return Err(format!("the wasm has no function named {PANIC_FMT}"));
    }
    Ok(snipped)
}

/// Whether the function named `name` (as [`plain`] gives it) runs only
/// while a thread panics: `core::panicking`'s entry points, std's panic
/// handler and its payloads (anything of `std::panicking` or generic over
/// one of its types), `rust_panic` and the thread-local access error.
/// Not std's panic count queries (`std::panicking::panicking`,
/// `panic_count::count_is_zero`, …): a mutex guard asks them on every drop.
/// Only `panic_count::increase` is called from the panic handler alone.
fn only_panics(name: &str) -> bool {
    if name.ends_with("::rust_panic") || name.ends_with("::panic_access_error") {
        return true;
    }
    if !name.contains("::panicking::") || name.ends_with("::panicking") {
        return false;
    }
    !name.contains("::panic_count::") || name.ends_with("::panic_count::increase")
}

/// A demangled Rust name without its crates' disambiguators:
/// `core[c5930c85a12de822]::panicking::panic_fmt` is
/// `core::panicking::panic_fmt`.
fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        match rest[open..].find(']') {
            Some(close)
                if rest[open + 1..open + close]
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit()) =>
            {
                rest = &rest[open + close + 1..];
            }
            _ => {
                out.push('[');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use walrus::ir::{Instr, Value};
    use walrus::{FunctionBuilder, ModuleConfig, ValType};

    #[test]
    fn names_lose_their_disambiguators_only() {
        assert_eq!(
            plain("<std[a543]::panicking::X as core[c59]::fmt::Display>::fmt"),
            "<std::panicking::X as core::fmt::Display>::fmt"
        );
        assert_eq!(plain("f::<[u8; 4]>"), "f::<[u8; 4]>");
    }

    #[test]
    fn only_the_panic_path_is_cut() {
        for name in [
            "core::panicking::panic_fmt",
            "core::panicking::panic_bounds_check",
            "std::panicking::panic_with_hook",
            "std::panicking::panic_handler::{closure#0}",
            "std::panicking::panic_count::increase",
            "<std::panicking::panic_handler::StaticStrPayload as core::panic::PanicPayload>::get",
            "core::ptr::drop_in_place::<std::panicking::panic_handler::FormatStringPayload>",
            "__rustc::rust_panic",
            "std::thread::local::panic_access_error",
        ] {
            assert!(only_panics(name), "{name}");
        }
        for name in [
            "std::panicking::panicking",
            "std::thread::panicking",
            "std::panicking::panic_count::is_zero_slow_path",
            "std::panicking::panic_count::count_is_zero",
            "core::fmt::write",
            "pyws::core::socket::Socket::send",
        ] {
            assert!(!only_panics(name), "{name}");
        }
    }

    /// A module with an exported function `name` of type `[] -> [i32]`
    /// whose body is `i32.const 7`.
    fn module(names: &[&str]) -> Module {
        let mut module = Module::with_config(ModuleConfig::new());
        for name in names {
            let mut function = FunctionBuilder::new(&mut module.types, &[], &[ValType::I32]);
            function.func_body().i32_const(7);
            let id = function.finish(vec![], &mut module.funcs);
            module.funcs.get_mut(id).name = Some((*name).to_owned());
            module.exports.add(name, id);
        }
        module
    }

    /// The instructions of the body of the function named `name`.
    fn body(module: &Module, name: &str) -> Vec<Instr> {
        let function = module.funcs.by_name(name).unwrap();
        let FunctionKind::Local(local) = &module.funcs.get(function).kind else {
            panic!("{name} is not local");
        };
        let entry = local.block(local.entry_block());
        entry
            .instrs
            .iter()
            .map(|(instr, _)| instr.clone())
            .collect()
    }

    #[test]
    fn the_panic_functions_trap_at_once_and_the_others_keep_their_bodies() {
        let panic_fmt = "core[c5930c85a12de822]::panicking::panic_fmt";
        let mut wasm = module(&[panic_fmt, "pyws::send"]);
        let snipped = snip(&mut wasm).unwrap();
        assert_eq!(snipped, [PANIC_FMT]);
        // What would be emitted, read back.
        let wasm = Module::from_buffer(&wasm.emit_wasm()).unwrap();
        assert!(matches!(
            body(&wasm, panic_fmt)[..],
            [Instr::Unreachable(_)]
        ));
        assert!(matches!(
            body(&wasm, "pyws::send")[..],
            [Instr::Const(walrus::ir::Const {
                value: Value::I32(7)
            })]
        ));
    }

    #[test]
    fn a_wasm_without_panic_fmt_is_an_error() {
        let mut wasm = module(&["pyws::send"]);
        assert!(snip(&mut wasm).is_err());
    }
}
