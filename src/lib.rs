//! Qualify: the client-side web app. Everything a user types is evaluated in the browser by
//! `qualify-engine`; nothing leaves the page.

pub mod draft;
pub mod fields;
pub mod i18n;

use leptos::prelude::*;

/// The whole application. Mounted into `<body>` by `main.rs` and into a test node by the
/// component tests.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="q-app">
            <h1 class="q-title">
                <span lang="zh-CN">"Qualify 资质自评"</span>
                " / "
                <span lang="en">"Qualify self-assessment"</span>
            </h1>
        </main>
    }
}
