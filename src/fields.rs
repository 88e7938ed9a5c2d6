//! The profile form as data: its sections and fields, each named by its contract path, with
//! the kind of value it takes. The form, the draft and the "ask only what matters" filter all
//! read this one catalogue.

use qualify_engine::profile::{CategoryField, DateField, ScalarField, Unit, YearField};
use qualify_engine::vocab::{self, Word};
use qualify_engine::{InputRef, Lang, Text};

use crate::i18n::ui;

/// What a field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 万元; losses may be negative.
    Amount {
        negative: bool,
    },
    Count,
    Percent,
    /// A 100-point figure.
    Points,
    /// Square meters.
    Area,
    /// A non-negative decimal without a unit of its own (a self-assessed score).
    Decimal,
    Date,
    Choice(CategoryField),
    YesNo,
    FreeText,
}

impl Kind {
    pub fn unit_label(self, lang: Lang) -> Option<&'static str> {
        let u = ui(lang);
        match self {
            Kind::Amount { .. } => Some(u.unit_wan),
            Kind::Percent => Some(u.unit_percent),
            Kind::Points => Some(u.unit_points),
            Kind::Area => Some(u.unit_m2),
            _ => None,
        }
    }

    /// The `inputmode` that brings up the right on-screen keyboard.
    pub fn input_mode(self) -> &'static str {
        match self {
            Kind::Count => "numeric",
            Kind::Amount { .. } | Kind::Percent | Kind::Points | Kind::Area | Kind::Decimal => {
                "decimal"
            }
            _ => "text",
        }
    }
}

/// The kind of value at a contract path (`years.2024.revenue`, `ip.class1`, `province`).
pub fn kind_of(path: &str) -> Option<Kind> {
    if path == "name" {
        return Some(Kind::FreeText);
    }
    if path.starts_with("self_scores.") {
        return Some(Kind::Decimal);
    }
    match InputRef::parse(path)? {
        InputRef::Year(_, f) => Some(match f.unit() {
            Unit::Count => Kind::Count,
            _ => Kind::Amount {
                negative: f.may_be_negative(),
            },
        }),
        InputRef::Scalar(f) => Some(match f.unit() {
            Unit::Count => Kind::Count,
            Unit::Percent => Kind::Percent,
            Unit::Points => Kind::Points,
            Unit::SquareMeters => Kind::Area,
            _ => Kind::Decimal,
        }),
        InputRef::Date(_) => Some(Kind::Date),
        InputRef::Category(c) => Some(match c.words() {
            Some(_) => Kind::Choice(c),
            None => Kind::YesNo,
        }),
        _ => None,
    }
}

/// The choices of a categorical field, narrowed to the places inside the chosen parent. A
/// `current` place outside the parent stays listed, last: the select keeps showing what was
/// chosen, next to the message that it does not match, rather than going blank.
pub fn choices(
    field: CategoryField,
    parent: Option<&str>,
    current: Option<&str>,
) -> Vec<&'static Word> {
    let places = |list: &'static [vocab::Place]| -> Vec<&'static Word> {
        let mut words: Vec<_> = list
            .iter()
            .filter(|p| parent.is_none() || p.parent == parent)
            .map(|p| &p.word)
            .collect();
        if let Some(stray) = current
            .filter(|c| !words.iter().any(|w| w.slug == *c))
            .and_then(|c| vocab::find_place(list, c))
        {
            words.push(&stray.word);
        }
        words
    };
    match field {
        CategoryField::City => places(vocab::CITIES),
        CategoryField::District => places(vocab::DISTRICTS),
        other => other.words().unwrap_or_default(),
    }
}

/// One field of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The contract path, with `{year}` standing for the year of a yearly field.
    pub key: &'static str,
    pub label: Text,
    pub kind: Kind,
}

/// A section of the form (a fieldset).
#[derive(Clone, Debug)]
pub struct Section {
    pub id: &'static str,
    pub legend: fn(Lang) -> &'static str,
    /// Yearly fields show one input per fiscal year.
    pub yearly: bool,
    pub fields: Vec<Field>,
}

fn year_field(f: YearField) -> Field {
    Field {
        key: f.slug(),
        label: f.label(),
        kind: kind_of(&format!("years.2000.{}", f.slug())).expect("year fields have kinds"),
    }
}

fn path_field(path: &'static str, label: Text) -> Field {
    Field {
        key: path,
        label,
        kind: kind_of(path).expect("catalogue paths have kinds"),
    }
}

/// The form's sections in order. Certifications and declarations have their own editors.
pub fn sections() -> Vec<Section> {
    use CategoryField as C;
    use ScalarField as S;
    use YearField as Y;
    let cat = |c: CategoryField| path_field(c.slug(), c.label());
    let date = |d: DateField| path_field(d.slug(), d.label());
    let scalar = |s: ScalarField| path_field(s.slug(), s.label());
    vec![
        Section {
            id: "company",
            legend: |l| ui(l).section_company,
            yearly: false,
            fields: vec![
                path_field("name", Text::new("企业名称", "Company name")),
                cat(C::Province),
                cat(C::City),
                cat(C::District),
                cat(C::Industry),
                cat(C::DesignatedSize),
                cat(C::Sme),
                date(DateField::RegisteredOn),
                cat(C::HnteDomain),
                cat(C::XianChain),
                date(DateField::NicheSince),
            ],
        },
        Section {
            id: "fiscal",
            legend: |l| ui(l).section_fiscal,
            yearly: true,
            fields: [
                Y::Revenue,
                Y::MainRevenue,
                Y::TaxPayable,
                Y::RdExpense,
                Y::RdExpenseDomestic,
                Y::TotalCosts,
                Y::NetProfit,
                Y::TotalProfit,
                Y::NetAssets,
                Y::TotalAssets,
                Y::TotalLiabilities,
                Y::HightechIncome,
                Y::NewProductRevenue,
                Y::EquityFinancing,
                Y::EquipmentValue,
            ]
            .into_iter()
            .map(year_field)
            .collect(),
        },
        Section {
            id: "staff",
            legend: |l| ui(l).section_staff,
            yearly: true,
            fields: [Y::Employees, Y::RdStaff, Y::StStaff, Y::TechTransfers]
                .into_iter()
                .map(year_field)
                .collect(),
        },
        Section {
            id: "ip",
            legend: |l| ui(l).section_ip,
            yearly: false,
            fields: [
                S::IpClass1,
                S::IpClass1SelfDeveloped,
                S::IpClass1HighValue,
                S::IpClass1MainProduct,
                S::IpClass2,
                S::IpGranted3y,
                S::IpInventionApplications3y,
            ]
            .into_iter()
            .map(scalar)
            .collect(),
        },
        Section {
            id: "center",
            legend: |l| ui(l).section_center,
            yearly: false,
            fields: vec![
                date(DateField::CenterEstablishedOn),
                scalar(S::CenterSpace),
                scalar(S::CenterEquipmentOnPremises),
            ],
        },
        Section {
            id: "declared-figures",
            legend: |l| ui(l).section_self_scores,
            yearly: false,
            fields: vec![scalar(S::SrdiScore), scalar(S::NicheMarketShare)],
        },
    ]
}

/// The contract path of a field in a given year.
pub fn path_for(field: &Field, section_yearly: bool, year: i32) -> String {
    if section_yearly {
        format!("years.{year}.{}", field.key)
    } else {
        field.key.to_string()
    }
}

/// Whether a field is among the inputs a set of programs reads (any year, for yearly fields).
pub fn is_needed(field: &Field, yearly: bool, needed: &[InputRef]) -> bool {
    needed.iter().any(|r| match r {
        InputRef::Year(_, f) => yearly && f.slug() == field.key,
        other => !yearly && other.to_string() == field.key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_path_is_a_contract_path() {
        for s in sections() {
            for f in &s.fields {
                let path = path_for(f, s.yearly, 2024);
                assert!(kind_of(&path).is_some(), "{path}");
                if f.key != "name" {
                    assert!(InputRef::parse(&path).is_some(), "{path}");
                }
            }
        }
    }

    #[test]
    fn every_profile_input_has_a_field() {
        let all: Vec<String> = sections()
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| path_for(f, s.yearly, 2024)))
            .collect();
        for f in YearField::ALL {
            assert!(all.contains(&format!("years.2024.{}", f.slug())), "{f:?}");
        }
        for f in ScalarField::ALL {
            assert!(all.contains(&f.slug().to_string()), "{f:?}");
        }
        for f in CategoryField::ALL {
            assert!(all.contains(&f.slug().to_string()), "{f:?}");
        }
        for f in DateField::ALL {
            assert!(all.contains(&f.slug().to_string()), "{f:?}");
        }
    }

    #[test]
    fn cities_narrow_to_the_province() {
        let fujian = choices(CategoryField::City, Some("fujian"), None);
        assert!(fujian.iter().any(|w| w.slug == "xiamen"));
        assert!(!fujian.iter().any(|w| w.slug == "shenzhen"));
        assert!(choices(CategoryField::City, None, None).len() > 30);
        assert_eq!(
            choices(CategoryField::City, Some("fujian"), Some("xiamen")),
            fujian
        );
    }

    #[test]
    fn a_city_outside_the_province_stays_listed_last() {
        let guangdong = choices(CategoryField::City, Some("guangdong"), Some("xiamen"));
        assert_eq!(guangdong.last().map(|w| w.slug), Some("xiamen"));
        assert_eq!(guangdong.iter().filter(|w| w.slug == "xiamen").count(), 1);
        let unknown = choices(CategoryField::City, Some("guangdong"), Some("atlantis"));
        assert!(!unknown.iter().any(|w| w.slug == "atlantis"));
    }

    #[test]
    fn kinds_follow_the_units() {
        assert_eq!(
            kind_of("years.2024.net_profit"),
            Some(Kind::Amount { negative: true })
        );
        assert_eq!(
            kind_of("years.2024.revenue"),
            Some(Kind::Amount { negative: false })
        );
        assert_eq!(kind_of("years.2024.rd_staff"), Some(Kind::Count));
        assert_eq!(
            kind_of("center.equipment_on_premises_pct"),
            Some(Kind::Percent)
        );
        assert_eq!(kind_of("designated_size"), Some(Kind::YesNo));
        assert_eq!(
            kind_of("province"),
            Some(Kind::Choice(CategoryField::Province))
        );
        assert_eq!(kind_of("registered_on"), Some(Kind::Date));
        assert_eq!(kind_of("center.space_m2"), Some(Kind::Area));
        assert_eq!(kind_of("nonsense"), None);
    }
}
