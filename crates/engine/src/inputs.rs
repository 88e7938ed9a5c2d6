//! References to the inputs of a profile, written as the field paths of contract section 1
//! (`years.2024.rd_expense`, `ip.class1`, `confirmations.N5`). Results name the inputs they
//! still need and the values that would meet a threshold with these.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::profile::{CategoryField, DateField, ScalarField, Unit, YearField};
use crate::text::Text;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InputRef {
    Year(i32, YearField),
    Scalar(ScalarField),
    Date(DateField),
    Category(CategoryField),
    Certifications,
    /// Shared with the pack that names it, so listing it costs no allocation.
    Confirmation(Arc<str>),
    SelfScore(Arc<str>),
}

impl InputRef {
    /// Reads a path written by [`fmt::Display`].
    pub fn parse(path: &str) -> Option<InputRef> {
        if path == "certifications" {
            return Some(InputRef::Certifications);
        }
        if let Some(rest) = path.strip_prefix("years.") {
            let (y, f) = rest.split_once('.')?;
            return Some(InputRef::Year(y.parse().ok()?, YearField::from_slug(f)?));
        }
        if let Some(id) = path.strip_prefix("confirmations.") {
            return Some(InputRef::Confirmation(id.into()));
        }
        if let Some(id) = path.strip_prefix("self_scores.") {
            return Some(InputRef::SelfScore(id.into()));
        }
        ScalarField::from_slug(path)
            .map(InputRef::Scalar)
            .or_else(|| DateField::from_slug(path).map(InputRef::Date))
            .or_else(|| CategoryField::from_slug(path).map(InputRef::Category))
    }

    /// The unit of a numeric input.
    pub fn unit(&self) -> Option<Unit> {
        match self {
            InputRef::Year(_, f) => Some(f.unit()),
            InputRef::Scalar(f) => Some(f.unit()),
            InputRef::SelfScore(_) => Some(Unit::Points),
            _ => None,
        }
    }

    /// A short name for the input, with its year where it has one.
    pub fn label(&self) -> Text {
        match self {
            InputRef::Year(y, f) => {
                let l = f.label();
                Text::new(format!("{y}年{}", l.zh), format!("{} {y}", l.en))
            }
            InputRef::Scalar(f) => f.label(),
            InputRef::Date(f) => f.label(),
            InputRef::Category(f) => f.label(),
            InputRef::Certifications => Text::new("已获认定", "Certifications held"),
            InputRef::Confirmation(id) => {
                Text::new(format!("声明 {id}"), format!("Declaration {id}"))
            }
            InputRef::SelfScore(id) => {
                Text::new(format!("自评分 {id}"), format!("Self-assessed score {id}"))
            }
        }
    }
}

impl fmt::Display for InputRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputRef::Year(y, field) => write!(f, "years.{y}.{}", field.slug()),
            InputRef::Scalar(s) => f.write_str(s.slug()),
            InputRef::Date(d) => f.write_str(d.slug()),
            InputRef::Category(c) => f.write_str(c.slug()),
            InputRef::Certifications => f.write_str("certifications"),
            InputRef::Confirmation(id) => write!(f, "confirmations.{id}"),
            InputRef::SelfScore(id) => write!(f, "self_scores.{id}"),
        }
    }
}

impl Serialize for InputRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for p in [
            "years.2024.rd_expense",
            "ip.class1",
            "center.space_m2",
            "center.established_on",
            "registered_on",
            "province",
            "certifications",
            "confirmations.N5",
            "self_scores.H8.rd_org",
        ] {
            assert_eq!(InputRef::parse(p).unwrap().to_string(), p);
        }
        assert!(InputRef::parse("years.x.revenue").is_none());
        assert!(InputRef::parse("nonsense").is_none());
    }
}
