//! The screening page's worker: a filled template read and screened, then the results sorted,
//! filtered, written out and opened one enterprise at a time, all as plain functions so that
//! the native tests run them as the worker does (`main.rs` only carries messages). Its wasm
//! holds the sheet readers and writers and every pack whole, so the app's first load carries
//! none of them.

pub mod page;
pub mod session;

pub use session::{Session, View};
