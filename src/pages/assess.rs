//! The assessment page: choose programs, enter figures, read the results and the ladder, try
//! what-ifs, and save or share.

use leptos::prelude::*;

use crate::components::form::ProfileForm;
use crate::components::ladder::LadderView;
use crate::components::picker::ProgramPicker;
use crate::components::results::Results;
use crate::components::tools::{PrintStamp, Tools};
use crate::components::whatif::WhatIfPanel;

#[component]
pub fn AssessPage() -> impl IntoView {
    view! {
        <div class="q-layout">
            <div class="q-col q-col--input">
                <ProgramPicker />
                <ProfileForm />
            </div>
            <div class="q-col q-col--output">
                <Results />
                <LadderView />
                <WhatIfPanel />
                <Tools />
                <PrintStamp />
            </div>
        </div>
    }
}
