//! A `RefCell` whose borrow conflicts abort instead of panicking.
//!
//! A conflict is a bug either way, and with `panic = "abort"` both end in
//! the same wasm trap. But std's `borrow()` and `borrow_mut()` panic with a
//! formatted message and the caller's source location, which keeps Rust's
//! formatting code and a location record for every call site in the wasm.

use std::cell::{Ref, RefMut};
use std::fmt;

/// `std::cell::RefCell`, with the methods this crate uses.
#[derive(Default)]
pub(crate) struct RefCell<T>(std::cell::RefCell<T>);

impl<T> RefCell<T> {
    /// A cell holding `value`.
    pub(crate) fn new(value: T) -> Self {
        RefCell(std::cell::RefCell::new(value))
    }

    /// Borrows the value; aborts if it is mutably borrowed.
    pub(crate) fn borrow(&self) -> Ref<'_, T> {
        self.0
            .try_borrow()
            .unwrap_or_else(|_| std::process::abort())
    }

    /// Borrows the value mutably; aborts if it is borrowed.
    pub(crate) fn borrow_mut(&self) -> RefMut<'_, T> {
        self.0
            .try_borrow_mut()
            .unwrap_or_else(|_| std::process::abort())
    }

    /// Replaces the value, returning the old one.
    pub(crate) fn replace(&self, value: T) -> T {
        std::mem::replace(&mut *self.borrow_mut(), value)
    }
}

impl<T: fmt::Debug> fmt::Debug for RefCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
