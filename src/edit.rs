//! What a control does, as one enum: the markup writes it into the control's `data-edit`
//! (`Display`), the app's one listener reads it back (`FromStr`, in `edited`) and `actions.rs`
//! matches it, every variant, so a control that names an action nobody performs, or a misspelt
//! one, does not compile.

use std::fmt;
use std::str::FromStr;

use qualify_engine::Lang;
use wasm_bindgen::JsCast;

use crate::draft::CertPart;
use crate::markup::El;

/// The attribute that names what a control does.
pub const EDIT: &str = "data-edit";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Text typed into the field of a contract path (`years.2024.revenue`).
    Text(String),
    /// The same in the what-if copy of the figures.
    WhatIfText(String),
    /// A text of the certification row with this id.
    Cert(CertPart, u32),
    RemoveCert(u32),
    AddCert,
    /// "We hold none of these".
    HoldsNone,
    /// A declaration's answer: holds, does not hold, or not answered.
    Answer(Option<bool>, String),
    /// The same in the what-if copy.
    WhatIfAnswer(Option<bool>, String),
    ShowAllFields,
    Lang(Lang),
    AsOf,
    DismissMessage,
    PickAll,
    PickNone,
    PickSuggested,
    /// A program's checkbox in the picker.
    Pick(String),
    /// "Only this": the program alone.
    PickOnly(String),
    Sort,
    WhatIfProgram,
    WhatIfStart,
    WhatIfTake,
    WhatIfReset,
    WhatIfClose,
    Remember,
    Forget,
    Export,
    Import,
    Share,
    CopyLink,
    Print,
    /// "Add to calendar": the plan's calls and renewal dates as an `.ics` file.
    Calendar,
    Clear,
    UndoClear,
    /// From a program's page back to the assessment.
    Back,
}

/// What follows the verb in a `data-edit`, after a `:`.
enum Arg<'a> {
    No,
    Str(&'a str),
    Id(u32),
}

impl fmt::Display for Edit {
    // The verb, then its argument: written piece by piece rather than by a `write!` per
    // variant, each of which was formatting code of its own in the browser build.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Arg::{Id, No, Str};
        let cert = |part: &CertPart| match part {
            CertPart::Kind => "kind",
            CertPart::Since => "since",
            CertPart::Until => "until",
        };
        let answer = |a: &Option<bool>| match a {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unset",
        };
        let whatif_answer = |a: &Option<bool>| match a {
            Some(true) => "whatif-yes",
            Some(false) => "whatif-no",
            None => "whatif-unset",
        };
        let (verb, arg) = match self {
            Edit::Text(path) => ("text", Str(path)),
            Edit::WhatIfText(path) => ("whatif-text", Str(path)),
            Edit::Cert(part, id) => (cert(part), Id(*id)),
            Edit::RemoveCert(id) => ("remove", Id(*id)),
            Edit::Answer(a, key) => (answer(a), Str(key)),
            Edit::WhatIfAnswer(a, key) => (whatif_answer(a), Str(key)),
            Edit::Lang(l) => ("lang", Str(l.code())),
            Edit::Pick(id) => ("pick", Str(id)),
            Edit::PickOnly(id) => ("only", Str(id)),
            Edit::AddCert => ("add", No),
            Edit::HoldsNone => ("none", No),
            Edit::ShowAllFields => ("show-all", No),
            Edit::AsOf => ("as-of", No),
            Edit::DismissMessage => ("dismiss", No),
            Edit::PickAll => ("all", No),
            Edit::PickNone => ("pick-none", No),
            Edit::PickSuggested => ("suggested", No),
            Edit::Sort => ("sort", No),
            Edit::WhatIfProgram => ("program", No),
            Edit::WhatIfStart => ("start", No),
            Edit::WhatIfTake => ("take", No),
            Edit::WhatIfReset => ("reset", No),
            Edit::WhatIfClose => ("close", No),
            Edit::Remember => ("remember", No),
            Edit::Forget => ("forget", No),
            Edit::Export => ("export", No),
            Edit::Import => ("import", No),
            Edit::Share => ("share", No),
            Edit::CopyLink => ("copy", No),
            Edit::Print => ("print", No),
            Edit::Calendar => ("calendar", No),
            Edit::Clear => ("clear", No),
            Edit::UndoClear => ("undo-clear", No),
            Edit::Back => ("back", No),
        };
        f.write_str(verb)?;
        match arg {
            No => Ok(()),
            Str(s) => {
                f.write_str(":")?;
                f.write_str(s)
            }
            Id(n) => {
                f.write_str(":")?;
                fmt::Display::fmt(&n, f)
            }
        }
    }
}

/// A `data-edit` that names no edit.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownEdit;

impl FromStr for Edit {
    type Err = UnknownEdit;

    fn from_str(s: &str) -> Result<Edit, UnknownEdit> {
        let (verb, arg) = s.split_once(':').unwrap_or((s, ""));
        let id = || arg.parse::<u32>().map_err(|_| UnknownEdit);
        let arg = || arg.to_string();
        Ok(match verb {
            "text" => Edit::Text(arg()),
            "whatif-text" => Edit::WhatIfText(arg()),
            "kind" => Edit::Cert(CertPart::Kind, id()?),
            "since" => Edit::Cert(CertPart::Since, id()?),
            "until" => Edit::Cert(CertPart::Until, id()?),
            "remove" => Edit::RemoveCert(id()?),
            "yes" => Edit::Answer(Some(true), arg()),
            "no" => Edit::Answer(Some(false), arg()),
            "unset" => Edit::Answer(None, arg()),
            "whatif-yes" => Edit::WhatIfAnswer(Some(true), arg()),
            "whatif-no" => Edit::WhatIfAnswer(Some(false), arg()),
            "whatif-unset" => Edit::WhatIfAnswer(None, arg()),
            "lang" => Edit::Lang(Lang::parse(&arg()).ok_or(UnknownEdit)?),
            "pick" => Edit::Pick(arg()),
            "only" => Edit::PickOnly(arg()),
            "add" => Edit::AddCert,
            "none" => Edit::HoldsNone,
            "show-all" => Edit::ShowAllFields,
            "as-of" => Edit::AsOf,
            "dismiss" => Edit::DismissMessage,
            "all" => Edit::PickAll,
            "pick-none" => Edit::PickNone,
            "suggested" => Edit::PickSuggested,
            "sort" => Edit::Sort,
            "program" => Edit::WhatIfProgram,
            "start" => Edit::WhatIfStart,
            "take" => Edit::WhatIfTake,
            "reset" => Edit::WhatIfReset,
            "close" => Edit::WhatIfClose,
            "remember" => Edit::Remember,
            "forget" => Edit::Forget,
            "export" => Edit::Export,
            "import" => Edit::Import,
            "share" => Edit::Share,
            "copy" => Edit::CopyLink,
            "print" => Edit::Print,
            "calendar" => Edit::Calendar,
            "clear" => Edit::Clear,
            "undo-clear" => Edit::UndoClear,
            "back" => Edit::Back,
            _ => return Err(UnknownEdit),
        })
    }
}

impl El {
    /// Names what the control does.
    pub fn edit(self, edit: Edit) -> El {
        self.a(EDIT, edit.to_string())
    }
}

/// What the user did to a control that names what it does. The event must be the one that
/// control reports it with: a text box an input, a button or a link a click, the other controls
/// a change (a select reports both an input and a change, and one edit is enough).
pub fn edited(ev: &web_sys::Event) -> Option<Edit> {
    let el = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())?
        .closest(&format!("[{EDIT}]"))
        .ok()??;
    let event = match el.tag_name().as_str() {
        "A" | "BUTTON" => "click",
        "INPUT" if el.get_attribute("type").as_deref() == Some("text") => "input",
        _ => "change",
    };
    el.get_attribute(EDIT)
        .filter(|_| ev.type_() == event)?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each variant; the match below fails to compile when a variant is missing from it,
    /// and the test fails when a variant is in the match but not in this list.
    fn every_edit() -> Vec<Edit> {
        let s = |t: &str| t.to_string();
        vec![
            Edit::Text(s("years.2024.revenue")),
            Edit::WhatIfText(s("ip.class1")),
            Edit::Cert(CertPart::Kind, 0),
            Edit::Cert(CertPart::Since, 3),
            Edit::Cert(CertPart::Until, 12),
            Edit::RemoveCert(7),
            Edit::AddCert,
            Edit::HoldsNone,
            Edit::Answer(Some(true), s("N5")),
            Edit::Answer(Some(false), s("XM6")),
            Edit::Answer(None, s("H8.ip_advance")),
            Edit::WhatIfAnswer(Some(true), s("N5")),
            Edit::WhatIfAnswer(Some(false), s("XM6")),
            Edit::WhatIfAnswer(None, s("H9")),
            Edit::ShowAllFields,
            Edit::Lang(Lang::Zh),
            Edit::Lang(Lang::En),
            Edit::AsOf,
            Edit::DismissMessage,
            Edit::PickAll,
            Edit::PickSuggested,
            Edit::Pick(s("cn-hnte")),
            Edit::Sort,
            Edit::WhatIfProgram,
            Edit::WhatIfStart,
            Edit::WhatIfTake,
            Edit::WhatIfReset,
            Edit::WhatIfClose,
            Edit::Remember,
            Edit::Forget,
            Edit::Export,
            Edit::Import,
            Edit::Share,
            Edit::CopyLink,
            Edit::Calendar,
            Edit::Print,
            Edit::Clear,
            Edit::Back,
            Edit::PickNone,
            Edit::PickOnly(s("xm-etc")),
            Edit::UndoClear,
        ]
    }

    fn variant(e: &Edit) -> usize {
        match e {
            Edit::Text(_) => 0,
            Edit::WhatIfText(_) => 1,
            Edit::Cert(..) => 2,
            Edit::RemoveCert(_) => 3,
            Edit::AddCert => 4,
            Edit::HoldsNone => 5,
            Edit::Answer(..) => 6,
            Edit::ShowAllFields => 7,
            Edit::Lang(_) => 8,
            Edit::AsOf => 9,
            Edit::DismissMessage => 10,
            Edit::PickAll => 11,
            Edit::PickSuggested => 12,
            Edit::Pick(_) => 13,
            Edit::Sort => 14,
            Edit::WhatIfProgram => 15,
            Edit::WhatIfStart => 16,
            Edit::WhatIfTake => 17,
            Edit::WhatIfReset => 18,
            Edit::WhatIfClose => 19,
            Edit::Remember => 20,
            Edit::Forget => 21,
            Edit::Export => 22,
            Edit::Import => 23,
            Edit::Share => 24,
            Edit::CopyLink => 25,
            Edit::Print => 26,
            Edit::Clear => 27,
            Edit::Back => 28,
            Edit::WhatIfAnswer(..) => 29,
            Edit::PickNone => 30,
            Edit::PickOnly(_) => 31,
            Edit::UndoClear => 32,
            Edit::Calendar => 33,
        }
    }

    #[test]
    fn every_edit_round_trips_through_its_attribute() {
        let all = every_edit();
        let mut seen = [false; 34];
        for e in &all {
            seen[variant(e)] = true;
            let text = e.to_string();
            assert_eq!(text.parse::<Edit>(), Ok(e.clone()), "{text}");
        }
        assert!(seen.iter().all(|s| *s), "a variant has no example");
        let mut texts: Vec<String> = all.iter().map(Edit::to_string).collect();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), all.len(), "two edits write the same attribute");
    }

    #[test]
    fn unknown_and_malformed_edits_are_refused() {
        for bad in ["", "txet:name", "remove:x", "kind:", "lang:fr", "Sort"] {
            assert_eq!(bad.parse::<Edit>(), Err(UnknownEdit), "{bad}");
        }
    }
}
