// Smaller in the download than the standard library's dlmalloc, which the browser build would
// otherwise carry; the page runs on one thread, which is what this allocator requires.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // A panic's message in the console rather than a bare "unreachable": the few lines of
    // console_error_panic_hook that matter, without its stack-trace bindings (1 KB of the
    // download).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        qualify_app::mount(&body);
    }
}
