//! The fields of a profile that rules read, and their units: one enum per kind of field, each
//! with its slug in profiles and packs and its name in both languages.

use crate::model::vocab::{self, Place, Word};

/// The unit a figure or threshold is expressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 万元 (10,000 CNY).
    Wan,
    Count,
    Percent,
    Years,
    SquareMeters,
    Points,
}

impl Unit {
    pub const ALL: &'static [(&'static str, Unit)] = &[
        ("wan", Unit::Wan),
        ("count", Unit::Count),
        ("percent", Unit::Percent),
        ("years", Unit::Years),
        ("m2", Unit::SquareMeters),
        ("points", Unit::Points),
    ];

    pub fn slug(self) -> &'static str {
        Unit::ALL.iter().find(|(_, u)| *u == self).unwrap().0
    }
}

macro_rules! field_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $slug:literal, $unit:expr, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub const VOCAB: &'static [(&'static str, $name)] = &[$(($slug, $name::$variant)),*];

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),* }
            }
            pub fn unit(self) -> Unit {
                match self { $($name::$variant => $unit),* }
            }
            pub fn label(self) -> crate::text::Text {
                match self { $($name::$variant => crate::text::Text::new($zh, $en)),* }
            }
            pub fn from_slug(s: &str) -> Option<$name> {
                Self::VOCAB.iter().find(|(w, _)| *w == s).map(|(_, f)| *f)
            }
            /// Every field as a word with its names, for lists of choices.
            pub const WORDS: &'static [Word] = &[$(Word { slug: $slug, zh: $zh, en: $en }),*];
        }

        impl FieldKey for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// A field enum whose variants index a fixed table.
pub trait FieldKey: Copy + 'static {
    const ALL: &'static [Self];
    fn index(self) -> usize;
}

/// Values by field, in a fixed table rather than a map: lookups are an index, and the browser
/// build carries no map code for each key type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields<K, V, const N: usize> {
    values: [Option<V>; N],
    keys: std::marker::PhantomData<K>,
}

impl<K: FieldKey, V: Copy, const N: usize> Default for Fields<K, V, N> {
    fn default() -> Self {
        Fields {
            values: [None; N],
            keys: std::marker::PhantomData,
        }
    }
}

impl<K: FieldKey, V: Copy, const N: usize> Fields<K, V, N> {
    pub fn get(&self, k: K) -> Option<V> {
        self.values[k.index()]
    }

    pub fn insert(&mut self, k: K, v: V) {
        self.values[k.index()] = Some(v);
    }

    pub fn remove(&mut self, k: K) {
        self.values[k.index()] = None;
    }

    /// The fields that have a value, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = (K, V)> + '_ {
        K::ALL
            .iter()
            .filter_map(|k| self.values[k.index()].map(|v| (*k, v)))
    }
}

field_enum! {
    /// A figure reported for one fiscal year.
    YearField {
        Revenue = "revenue", Unit::Wan, "营业收入总额", "Total revenue";
        MainRevenue = "main_revenue", Unit::Wan, "主营业务收入", "Main business revenue";
        TaxPayable = "tax_payable", Unit::Wan, "应纳税额", "Tax payable";
        RdExpense = "rd_expense", Unit::Wan, "研究与试验发展经费支出额", "R&D expenditure";
        RdExpenseDomestic = "rd_expense_domestic", Unit::Wan, "境内研发费用", "R&D spent in China";
        NetProfit = "net_profit", Unit::Wan, "净利润", "Net profit";
        TotalProfit = "total_profit", Unit::Wan, "利润总额", "Total profit";
        NetAssets = "net_assets", Unit::Wan, "净资产(年末)", "Net assets (year end)";
        TotalAssets = "total_assets", Unit::Wan, "资产总额(年末)", "Total assets (year end)";
        TotalLiabilities = "total_liabilities", Unit::Wan, "负债总额(年末)", "Total liabilities (year end)";
        HightechIncome = "hightech_income", Unit::Wan, "高新技术产品(服务)收入", "High-tech product/service income";
        NewProductRevenue = "new_product_revenue", Unit::Wan, "新产品销售收入", "New product sales";
        EquityFinancing = "equity_financing", Unit::Wan, "合格机构投资者新增股权融资", "New equity from qualified institutional investors";
        TotalCosts = "total_costs", Unit::Wan, "成本费用总额", "Total costs and expenses";
        Employees = "employees", Unit::Count, "职工总数", "Employees";
        RdStaff = "rd_staff", Unit::Count, "专职研究与试验发展人员数", "Full-time R&D staff";
        StStaff = "st_staff", Unit::Count, "科技人员数", "S&T staff";
        EquipmentValue = "equipment_value", Unit::Wan, "技术开发仪器设备原值(年末)", "R&D equipment original value (year end)";
        TechTransfers = "tech_transfers", Unit::Count, "科技成果转化数", "Technology transfers";
    }
}

impl YearField {
    /// Profits can be losses; every other figure is an amount or count at or above zero.
    pub fn may_be_negative(self) -> bool {
        matches!(self, YearField::NetProfit | YearField::TotalProfit)
    }
}

field_enum! {
    /// A figure that is not tied to a fiscal year.
    ScalarField {
        IpClass1 = "ip.class1", Unit::Count, "I类知识产权数", "Class I IP items";
        IpClass1SelfDeveloped = "ip.class1_self_developed", Unit::Count, "其中自主研发的I类知识产权", "of which self-developed";
        IpClass1HighValue = "ip.class1_high_value", Unit::Count, "其中高价值I类知识产权", "of which high-value";
        IpClass1MainProduct = "ip.class1_main_product", Unit::Count, "其中与主导产品相关并实际应用的I类知识产权", "of which tied to the main product and in economic use";
        IpClass2 = "ip.class2", Unit::Count, "II类知识产权数", "Class II IP items";
        IpGranted3y = "ip.granted_3y", Unit::Count, "近三年获得的有效知识产权数", "Valid IP items obtained in the last three years";
        IpInventionApplications3y = "ip.invention_applications_3y", Unit::Count, "近三年发明专利申请数", "Invention patent applications in the last three years";
        CenterSpace = "center.space_m2", Unit::SquareMeters, "技术中心专用场地面积", "Dedicated center space";
        CenterEquipmentOnPremises = "center.equipment_on_premises_pct", Unit::Percent, "在中心场所使用的设备原值占比", "Share of equipment value used on center premises";
        SrdiScore = "srdi_score", Unit::Points, "专精特新发展水平评价得分", "专精特新 development evaluation score";
        NicheMarketShare = "niche_market_share", Unit::Percent, "细分市场占有率", "Niche market share";
    }
}

field_enum! {
    /// A date of the enterprise.
    DateField {
        RegisteredOn = "registered_on", Unit::Years, "注册成立日期", "Date of registration";
        NicheSince = "niche_since", Unit::Years, "开始从事细分领域业务的日期", "Date the niche business began";
        CenterEstablishedOn = "center.established_on", Unit::Years, "技术中心成立日期", "Date the technology center was established";
    }
}

field_enum! {
    /// A categorical attribute of the enterprise.
    CategoryField {
        Province = "province", Unit::Count, "所在省份", "Province";
        City = "city", Unit::Count, "所在城市", "City";
        District = "district", Unit::Count, "所在区县", "District";
        Industry = "industry", Unit::Count, "行业类别", "Industry";
        HnteDomain = "hnte_domain", Unit::Count, "核心技术所属高新技术领域", "High-tech domain of the core technology";
        XianChain = "xian_chain", Unit::Count, "所属西安重点产业链", "Xi'an key industrial chain";
        DesignatedSize = "designated_size", Unit::Count, "规模以上企业", "Above designated size";
        Sme = "sme", Unit::Count, "中小企业", "SME";
    }
}

field_enum! {
    /// A recognition an enterprise can hold (contract `certifications[].kind`): the one list of
    /// them, which `vocab::CERT_KINDS` and the pack reader's `grants` and `holds` take.
    CertKind {
        MunicipalEtc = "municipal-etc", Unit::Years, "市级企业技术中心", "Municipal enterprise technology center";
        ProvincialEtc = "provincial-etc", Unit::Years, "省级企业技术中心", "Provincial enterprise technology center";
        NationalEtc = "national-etc", Unit::Years, "国家企业技术中心", "National enterprise technology center";
        XmEtcPool = "xm-etc-pool", Unit::Years, "厦门市企业技术中心培育库", "Xiamen technology center cultivation pool";
        Hnte = "hnte", Unit::Years, "高新技术企业", "High and new technology enterprise";
        TechSme = "tech-sme", Unit::Years, "科技型中小企业", "Tech-based SME";
        SmeInnovative = "sme-innovative", Unit::Years, "创新型中小企业", "Innovative SME";
        Srdi = "srdi", Unit::Years, "专精特新中小企业", "专精特新 (SRDI) SME";
        LittleGiant = "little-giant", Unit::Years, "专精特新“小巨人”企业", "专精特新 \"little giant\"";
    }
}

impl CertKind {
    /// The last day a certification of this kind granted on `since` is valid when the profile
    /// gives no `until`, from the kind's period of validity (criteria reference, section 14):
    /// a tech-based SME number is usable to 31 March of the next year, the others listed last
    /// three years. `None` where no period is published (technology centers are re-evaluated,
    /// not renewed): such a certification stays valid until the profile says otherwise.
    pub fn implied_until(self, since: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        use chrono::Datelike;
        match self {
            CertKind::TechSme => chrono::NaiveDate::from_ymd_opt(since.year() + 1, 3, 31),
            CertKind::Hnte | CertKind::SmeInnovative | CertKind::Srdi | CertKind::LittleGiant => {
                since
                    .checked_add_months(chrono::Months::new(36))
                    .and_then(|d| d.pred_opt())
            }
            CertKind::MunicipalEtc
            | CertKind::ProvincialEtc
            | CertKind::NationalEtc
            | CertKind::XmEtcPool => None,
        }
    }
}

/// Figures of a year that are part of another figure of that year, and so never exceed it: the
/// profile reader refuses a part above its whole, and a what-if change that raises a part
/// raises its whole with it.
pub const YEAR_PARTS: &[(YearField, YearField)] = &[
    (YearField::RdStaff, YearField::Employees),
    (YearField::StStaff, YearField::Employees),
    (YearField::RdExpenseDomestic, YearField::RdExpense),
    (YearField::MainRevenue, YearField::Revenue),
];

/// The same for figures not tied to a year: kinds of class I IP, of all class I IP.
pub const SCALAR_PARTS: &[(ScalarField, ScalarField)] = &[
    (ScalarField::IpClass1SelfDeveloped, ScalarField::IpClass1),
    (ScalarField::IpClass1HighValue, ScalarField::IpClass1),
    (ScalarField::IpClass1MainProduct, ScalarField::IpClass1),
];

impl CategoryField {
    /// The words this field accepts; `None` for the yes/no fields.
    pub fn words(self) -> Option<Vec<&'static Word>> {
        let places = |l: &'static [Place]| l.iter().map(|p| &p.word).collect();
        match self {
            CategoryField::Province => Some(places(vocab::PROVINCES)),
            CategoryField::City => Some(places(vocab::CITIES)),
            CategoryField::District => Some(places(vocab::DISTRICTS)),
            CategoryField::Industry => Some(vocab::INDUSTRIES.iter().collect()),
            CategoryField::HnteDomain => Some(vocab::HNTE_DOMAINS.iter().collect()),
            CategoryField::XianChain => Some(vocab::XIAN_CHAINS.iter().collect()),
            CategoryField::DesignatedSize | CategoryField::Sme => None,
        }
    }
}

/// The value of a categorical field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Word(&'static str),
    Flag(bool),
}
