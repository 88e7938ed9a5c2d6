//! The assessment page: choose programs, enter figures, read the results and the ladder, try
//! what-ifs, and save or share.

use crate::components::form::form;
use crate::components::ladder::ladder;
use crate::components::picker::picker;
use crate::components::plan::plan;
use crate::components::results::results;
use crate::components::tools::{stamp, tools};
use crate::components::whatif::panel;
use crate::markup::hc;
use crate::part::Part;
use crate::state::State;

pub fn page(s: State) -> Part {
    Part::holding(
        hc("div", "q-layout"),
        [
            Part::holding(hc("div", "q-col q-col--input"), [picker(s), form(s)]),
            Part::holding(
                hc("div", "q-col q-col--output"),
                [results(s), plan(s), ladder(s), panel(s), tools(s), stamp(s)],
            ),
        ],
    )
}
