//! The closed vocabularies of the profile (contract section 1), with names in both languages
//! so that the app, the command line and error messages all use one list.

use crate::model::fields::CertKind;

/// A word of a vocabulary and its display names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn w(slug: &'static str, zh: &'static str, en: &'static str) -> Word {
    Word { slug, zh, en }
}

/// A place: a province-level division, a city or a district, and what it lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub word: Word,
    /// The province of a city, the city of a district; `None` for a province.
    pub parent: Option<&'static str>,
}

const fn p(slug: &'static str, zh: &'static str, en: &'static str) -> Place {
    Place {
        word: w(slug, zh, en),
        parent: None,
    }
}

const fn c(slug: &'static str, zh: &'static str, en: &'static str, parent: &'static str) -> Place {
    Place {
        word: w(slug, zh, en),
        parent: Some(parent),
    }
}

/// The 34 province-level divisions. A direct-controlled municipality is also its own city.
pub const PROVINCES: &[Place] = &[
    p("beijing", "北京市", "Beijing"),
    p("tianjin", "天津市", "Tianjin"),
    p("hebei", "河北省", "Hebei"),
    p("shanxi", "山西省", "Shanxi"),
    p("neimenggu", "内蒙古自治区", "Inner Mongolia"),
    p("liaoning", "辽宁省", "Liaoning"),
    p("jilin", "吉林省", "Jilin"),
    p("heilongjiang", "黑龙江省", "Heilongjiang"),
    p("shanghai", "上海市", "Shanghai"),
    p("jiangsu", "江苏省", "Jiangsu"),
    p("zhejiang", "浙江省", "Zhejiang"),
    p("anhui", "安徽省", "Anhui"),
    p("fujian", "福建省", "Fujian"),
    p("jiangxi", "江西省", "Jiangxi"),
    p("shandong", "山东省", "Shandong"),
    p("henan", "河南省", "Henan"),
    p("hubei", "湖北省", "Hubei"),
    p("hunan", "湖南省", "Hunan"),
    p("guangdong", "广东省", "Guangdong"),
    p("guangxi", "广西壮族自治区", "Guangxi"),
    p("hainan", "海南省", "Hainan"),
    p("chongqing", "重庆市", "Chongqing"),
    p("sichuan", "四川省", "Sichuan"),
    p("guizhou", "贵州省", "Guizhou"),
    p("yunnan", "云南省", "Yunnan"),
    p("xizang", "西藏自治区", "Tibet"),
    p("shaanxi", "陕西省", "Shaanxi"),
    p("gansu", "甘肃省", "Gansu"),
    p("qinghai", "青海省", "Qinghai"),
    p("ningxia", "宁夏回族自治区", "Ningxia"),
    p("xinjiang", "新疆维吾尔自治区", "Xinjiang"),
    p("taiwan", "台湾省", "Taiwan"),
    p("xianggang", "香港特别行政区", "Hong Kong"),
    p("aomen", "澳门特别行政区", "Macao"),
];

/// Cities: the four municipalities, every provincial capital, the sub-provincial cities, the
/// cities whose programs are encoded, and every city of Guangdong (its provincial center is open
/// to all of them but Shenzhen, so each must be nameable).
pub const CITIES: &[Place] = &[
    c("beijing", "北京市", "Beijing", "beijing"),
    c("tianjin", "天津市", "Tianjin", "tianjin"),
    c("shanghai", "上海市", "Shanghai", "shanghai"),
    c("chongqing", "重庆市", "Chongqing", "chongqing"),
    c("shijiazhuang", "石家庄市", "Shijiazhuang", "hebei"),
    c("taiyuan", "太原市", "Taiyuan", "shanxi"),
    c("huhehaote", "呼和浩特市", "Hohhot", "neimenggu"),
    c("shenyang", "沈阳市", "Shenyang", "liaoning"),
    c("dalian", "大连市", "Dalian", "liaoning"),
    c("changchun", "长春市", "Changchun", "jilin"),
    c("haerbin", "哈尔滨市", "Harbin", "heilongjiang"),
    c("nanjing", "南京市", "Nanjing", "jiangsu"),
    c("suzhou", "苏州市", "Suzhou", "jiangsu"),
    c("wuxi", "无锡市", "Wuxi", "jiangsu"),
    c("hangzhou", "杭州市", "Hangzhou", "zhejiang"),
    c("ningbo", "宁波市", "Ningbo", "zhejiang"),
    c("hefei", "合肥市", "Hefei", "anhui"),
    c("fuzhou", "福州市", "Fuzhou", "fujian"),
    c("xiamen", "厦门市", "Xiamen", "fujian"),
    c("quanzhou", "泉州市", "Quanzhou", "fujian"),
    c("nanchang", "南昌市", "Nanchang", "jiangxi"),
    c("jinan", "济南市", "Jinan", "shandong"),
    c("qingdao", "青岛市", "Qingdao", "shandong"),
    c("zhengzhou", "郑州市", "Zhengzhou", "henan"),
    c("wuhan", "武汉市", "Wuhan", "hubei"),
    c("changsha", "长沙市", "Changsha", "hunan"),
    c("guangzhou", "广州市", "Guangzhou", "guangdong"),
    c("shenzhen", "深圳市", "Shenzhen", "guangdong"),
    c("zhuhai", "珠海市", "Zhuhai", "guangdong"),
    c("shantou", "汕头市", "Shantou", "guangdong"),
    c("foshan", "佛山市", "Foshan", "guangdong"),
    c("shaoguan", "韶关市", "Shaoguan", "guangdong"),
    c("heyuan", "河源市", "Heyuan", "guangdong"),
    c("meizhou", "梅州市", "Meizhou", "guangdong"),
    c("huizhou", "惠州市", "Huizhou", "guangdong"),
    c("shanwei", "汕尾市", "Shanwei", "guangdong"),
    c("dongguan", "东莞市", "Dongguan", "guangdong"),
    c("zhongshan", "中山市", "Zhongshan", "guangdong"),
    c("jiangmen", "江门市", "Jiangmen", "guangdong"),
    c("yangjiang", "阳江市", "Yangjiang", "guangdong"),
    c("zhanjiang", "湛江市", "Zhanjiang", "guangdong"),
    c("maoming", "茂名市", "Maoming", "guangdong"),
    c("zhaoqing", "肇庆市", "Zhaoqing", "guangdong"),
    c("qingyuan", "清远市", "Qingyuan", "guangdong"),
    c("chaozhou", "潮州市", "Chaozhou", "guangdong"),
    c("jieyang", "揭阳市", "Jieyang", "guangdong"),
    c("yunfu", "云浮市", "Yunfu", "guangdong"),
    c("nanning", "南宁市", "Nanning", "guangxi"),
    c("haikou", "海口市", "Haikou", "hainan"),
    c("chengdu", "成都市", "Chengdu", "sichuan"),
    c("guiyang", "贵阳市", "Guiyang", "guizhou"),
    c("kunming", "昆明市", "Kunming", "yunnan"),
    c("lasa", "拉萨市", "Lhasa", "xizang"),
    c("xian", "西安市", "Xi'an", "shaanxi"),
    c("lanzhou", "兰州市", "Lanzhou", "gansu"),
    c("xining", "西宁市", "Xining", "qinghai"),
    c("yinchuan", "银川市", "Yinchuan", "ningxia"),
    c("wulumuqi", "乌鲁木齐市", "Urumqi", "xinjiang"),
];

/// Districts and new areas that programs or their seeds name.
pub const DISTRICTS: &[Place] = &[
    c("liangjiang", "两江新区", "Liangjiang New Area", "chongqing"),
    c("siming", "思明区", "Siming", "xiamen"),
    c("huli", "湖里区", "Huli", "xiamen"),
    c("jimei", "集美区", "Jimei", "xiamen"),
    c("haicang", "海沧区", "Haicang", "xiamen"),
    c("tongan", "同安区", "Tong'an", "xiamen"),
    c("xiangan", "翔安区", "Xiang'an", "xiamen"),
    c("futian", "福田区", "Futian", "shenzhen"),
    c("luohu", "罗湖区", "Luohu", "shenzhen"),
    c("nanshan", "南山区", "Nanshan", "shenzhen"),
    c("baoan", "宝安区", "Bao'an", "shenzhen"),
    c("longgang", "龙岗区", "Longgang", "shenzhen"),
    c("longhua", "龙华区", "Longhua", "shenzhen"),
    c("guangming", "光明区", "Guangming", "shenzhen"),
    c("pingshan", "坪山区", "Pingshan", "shenzhen"),
    c("yantian", "盐田区", "Yantian", "shenzhen"),
    c("dapeng", "大鹏新区", "Dapeng New Area", "shenzhen"),
    c("gaoxin-xian", "西安高新区", "Xi'an High-tech Zone", "xian"),
];

pub const INDUSTRIES: &[Word] = &[
    w("manufacturing", "制造业", "Manufacturing"),
    w(
        "software-it",
        "软件和信息技术服务业",
        "Software and IT services",
    ),
    w("construction", "建筑业", "Construction"),
    w("agri-processing", "农产品加工业", "Agricultural processing"),
    w("services", "服务业", "Services"),
    w("other", "其他", "Other"),
];

pub const HNTE_DOMAINS: &[Word] = &[
    w(
        "electronic-information",
        "电子信息",
        "Electronic information",
    ),
    w("biomedicine", "生物与新医药", "Biology and new medicine"),
    w("aerospace", "航空航天", "Aviation and aerospace"),
    w("new-materials", "新材料", "New materials"),
    w("hightech-services", "高技术服务", "High-tech services"),
    w("new-energy", "新能源与节能", "New energy and energy saving"),
    w(
        "resources-environment",
        "资源与环境",
        "Resources and environment",
    ),
    w(
        "advanced-manufacturing",
        "先进制造与自动化",
        "Advanced manufacturing and automation",
    ),
];

/// Xi'an's 19 key industrial chains (市产业链办发〔2023〕3号).
pub const XIAN_CHAINS: &[Word] = &[
    w("photonics", "光子", "Photonics"),
    w("heavy-trucks", "重卡", "Heavy trucks"),
    w(
        "semiconductor-ic",
        "半导体和集成电路",
        "Semiconductors and integrated circuits",
    ),
    w("biomedicine", "生物医药", "Biomedicine"),
    w("rail-transit", "轨道交通", "Rail transit"),
    w("aviation", "航空", "Aviation"),
    w("titanium", "钛及钛合金", "Titanium and titanium alloys"),
    w(
        "passenger-nev",
        "乘用车(新能源)",
        "Passenger vehicles (new energy)",
    ),
    w("dairy", "乳制品", "Dairy products"),
    w("spaceflight", "航天", "Spaceflight"),
    w(
        "power-transmission",
        "输变电装备",
        "Power transmission equipment",
    ),
    w("solar-pv", "太阳能光伏", "Solar photovoltaics"),
    w("drones", "无人机", "Drones"),
    w("hydrogen", "氢能", "Hydrogen energy"),
    w(
        "additive-manufacturing",
        "增材制造",
        "Additive manufacturing",
    ),
    w("smart-terminals", "智能终端", "Smart terminals"),
    w("iot", "物联网", "Internet of Things"),
    w("sensors", "传感器", "Sensors"),
    w(
        "ceramic-matrix-composites",
        "陶瓷基复合材料",
        "Ceramic matrix composites",
    ),
];

/// The certification kinds with their names: those of [`CertKind`], which lists them once.
pub const CERT_KINDS: &[Word] = CertKind::WORDS;

pub fn find_word(list: &'static [Word], slug: &str) -> Option<&'static Word> {
    list.iter().find(|w| w.slug == slug)
}

pub fn find_place(list: &'static [Place], slug: &str) -> Option<&'static Place> {
    list.iter().find(|p| p.word.slug == slug)
}

pub fn slugs(list: &[Word]) -> Vec<String> {
    list.iter().map(|w| w.slug.to_string()).collect()
}

pub fn place_slugs(list: &[Place]) -> Vec<String> {
    list.iter().map(|p| p.word.slug.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_city_and_district_has_a_known_parent() {
        for c in CITIES {
            assert!(find_place(PROVINCES, c.parent.unwrap()).is_some(), "{c:?}");
        }
        for d in DISTRICTS {
            assert!(find_place(CITIES, d.parent.unwrap()).is_some(), "{d:?}");
        }
    }

    #[test]
    fn the_contract_slugs_are_all_known() {
        for s in ["fujian", "chongqing", "liaoning", "shaanxi", "guangdong"] {
            assert!(find_place(PROVINCES, s).is_some(), "{s}");
        }
        for s in ["xiamen", "chongqing", "shenyang", "xian", "shenzhen"] {
            assert!(find_place(CITIES, s).is_some(), "{s}");
        }
        assert!(find_place(DISTRICTS, "liangjiang").is_some());
        assert_eq!(XIAN_CHAINS.len(), 19);
        assert_eq!(HNTE_DOMAINS.len(), 8);
    }
}
