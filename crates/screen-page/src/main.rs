//! The screening page, loaded by web/boot.js on `?page=screen` in the app's place.

#[cfg(target_family = "wasm")]
mod web;

#[cfg(target_family = "wasm")]
fn main() {
    web::start();
}

/// Natively there is no page: the page's logic is tested in the crate's library.
#[cfg(not(target_family = "wasm"))]
fn main() {}
