//! Score tables: banded items, groups with minimums and caps, and a pass line.

use std::sync::Arc;

use crate::model::{Node, Op};
use crate::num::Num;
use crate::text::Text;

/// A banded score table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub items: Vec<Item>,
    pub groups: Vec<Group>,
    pub pass_op: Op,
    pub pass: Num,
    /// The key prefix of self-assessed items: `<criterion id>`.
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub label: Text,
    pub max: Num,
    pub kind: ItemKind,
    /// `<criterion>.<item id>`: where a self-assessed item's points are found in `self_scores`.
    pub key: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// The first band whose condition holds gives the points.
    Bands {
        bands: Vec<Band>,
        otherwise: (Num, Num),
    },
    /// Points the applicant assesses themselves (`self_scores.<criterion>.<item>`).
    SelfAssessed,
    /// The better of several ways to score the item.
    BestOf(Vec<Item>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub when: Node,
    /// A band may give a range of points (7 to 8): a self-assessment shows both ends.
    pub points: (Num, Num),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub label: Text,
    pub items: Vec<String>,
    pub min: Option<Num>,
    pub cap: Option<Num>,
}
