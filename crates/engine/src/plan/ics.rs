//! The plan as an iCalendar file (RFC 5545): the calls of the chosen programs and the days
//! certifications run out, as all-day events with reminders, made where the plan is, with
//! nothing sent anywhere.

use chrono::{Datelike, NaiveDate};

use super::{Attempt, Call, Plan, Standing};
use crate::present::explain::word_name;
use crate::text::{Lang, Text};

/// Longest content line in octets, before the CRLF (RFC 5545 section 3.1).
const LINE: usize = 75;

/// The calendar of `plan`, its titles in `lang` and its descriptions in both languages.
pub fn calendar(plan: &Plan, lang: Lang) -> String {
    let mut cal = Cal {
        out: String::new(),
        stamp: format!("{}T000000Z", compact(plan.as_of)),
    };
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line("PRODID:-//Qualify//plan//ZH");
    cal.line("CALSCALE:GREGORIAN");
    cal.line("METHOD:PUBLISH");
    for p in &plan.programs {
        let name = p.name.get(lang);
        let attempts = std::iter::once(&p.next).chain(p.earliest.as_ref());
        for a in attempts {
            cal.call(p.id, name, a, lang);
        }
    }
    for (k, c) in plan.certifications.iter().enumerate() {
        let (Some(until), false) = (c.until, c.standing == Standing::Lapsed) else {
            continue;
        };
        let kind = word_name(c.kind.slug(), lang);
        let title = match lang {
            Lang::Zh => format!("{kind}有效期届满"),
            Lang::En => format!("{kind} runs out"),
        };
        let assumed = Text::new(
            if c.assumed {
                "(未填写有效期,按该类认定的有效期推定)"
            } else {
                ""
            },
            if c.assumed {
                " (no end date entered: assumed from the period this kind of recognition lasts)"
            } else {
                ""
            },
        );
        let text = Text::new(
            format!("有效至{until}{},请在到期前安排复审或重新申请。", assumed.zh),
            format!(
                "Valid to {until}{}; arrange its renewal before then.",
                assumed.en
            ),
        );
        cal.event(
            &format!("cert-{k}-{}", c.kind.slug()),
            until,
            None,
            &title,
            &text,
            90,
        );
    }
    cal.line("END:VCALENDAR");
    cal.out
}

struct Cal {
    out: String,
    stamp: String,
}

impl Cal {
    /// One content line, folded at 75 octets without splitting a character.
    fn line(&mut self, s: &str) {
        let mut used = 0;
        for ch in s.chars() {
            let n = ch.len_utf8();
            if used + n > LINE {
                self.out.push_str("\r\n ");
                used = 1;
            }
            self.out.push(ch);
            used += n;
        }
        self.out.push_str("\r\n");
    }

    /// The events of one call: its days where they are on record, or a reminder to look for
    /// its notice at the start of the month it is expected in.
    fn call(&mut self, id: &str, name: &str, a: &Attempt, lang: Lang) {
        let Some(Call { slot, notice, .. }) = &a.call else {
            return;
        };
        let source = notice.cite();
        let judged = Text::new(
            format!("按{}年度数据评审。依据:{source}", a.figures_year),
            format!(
                "Judged on the figures of {}. Source: {source}",
                a.figures_year
            ),
        );
        if let Some(base) = slot.based_on {
            let Some(first) = slot.first_day() else {
                return;
            };
            let Some(month) = NaiveDate::from_ymd_opt(first.year(), first.month(), 1) else {
                return;
            };
            let title = match lang {
                Lang::Zh => format!("关注{name}{}年申报通知(预计)", slot.year),
                Lang::En => format!("Look for the {} call: {name} (expected)", slot.year),
            };
            let text = Text::new(
                format!(
                    "依据{base}年通知,预计约在{}月开放;以主管部门当年通知为准。{}",
                    first.month(),
                    judged.zh
                ),
                format!(
                    "Expected around {}, based on {base}'s notice; the bureau's notice for the year decides. {}",
                    month_en(first.month()),
                    judged.en
                ),
            );
            self.event(
                &format!("{id}-{}-expected", slot.year),
                month,
                None,
                &title,
                &text,
                0,
            );
            return;
        }
        let count = slot.periods.len();
        for (k, p) in slot.periods.iter().enumerate() {
            let batch = |zh: &str, en: &str| match (count, lang) {
                (1, Lang::Zh) => format!("{name}:{zh}"),
                (1, Lang::En) => format!("{name}: {en}"),
                (_, Lang::Zh) => format!("{name}:第{}批{zh}", k + 1),
                (_, Lang::En) => format!("{name}: batch {} {en}", k + 1),
            };
            let uid = format!("{id}-{}-{k}", slot.year);
            match (p.opens, p.closes) {
                (Some(o), Some(c)) => {
                    let title = batch("申报期", "application period");
                    self.event(&uid, o, Some(c), &title, &judged, 7);
                }
                (None, Some(c)) => {
                    let title = batch("申报截止", "application deadline");
                    self.event(&uid, c, None, &title, &judged, 7);
                }
                (Some(o), None) => {
                    let title = batch("开始申报", "applications open");
                    self.event(&uid, o, None, &title, &judged, 0);
                }
                (None, None) => {}
            }
        }
    }

    /// An all-day event from `start` to `end` (inclusive), with a reminder `alarm_days`
    /// before it when that is not zero.
    fn event(
        &mut self,
        uid: &str,
        start: NaiveDate,
        end: Option<NaiveDate>,
        title: &str,
        text: &Text,
        alarm_days: u32,
    ) {
        // DTEND of an all-day event is the day after its last.
        let after = end.unwrap_or(start).succ_opt().unwrap_or(start);
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{uid}@qualify.plan"));
        let stamp = format!("DTSTAMP:{}", self.stamp);
        self.line(&stamp);
        self.line(&format!("DTSTART;VALUE=DATE:{}", compact(start)));
        self.line(&format!("DTEND;VALUE=DATE:{}", compact(after)));
        self.line(&format!("SUMMARY:{}", escape(title)));
        let both = format!("{}\n{}", text.zh, text.en);
        self.line(&format!("DESCRIPTION:{}", escape(&both)));
        self.line("TRANSP:TRANSPARENT");
        if alarm_days > 0 {
            self.line("BEGIN:VALARM");
            self.line("ACTION:DISPLAY");
            self.line(&format!("DESCRIPTION:{}", escape(title)));
            self.line(&format!("TRIGGER:-P{alarm_days}D"));
            self.line("END:VALARM");
        }
        self.line("END:VEVENT");
    }
}

fn compact(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 section 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn month_en(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(m as usize - 1).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut cal = Cal {
            out: String::new(),
            stamp: String::new(),
        };
        let long = format!("SUMMARY:{}", "专精特新".repeat(20));
        cal.line(&long);
        for l in cal.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= LINE, "{} octets: {l}", l.len());
        }
        let unfolded = cal.out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
