//! Where versions start: on a date a source supports, never a date borrowed from another
//! program (criteria reference, section 12's rule, and the corrections of 2026-12-02).

use qualify_engine::{bundled, parse_date, Pack};

fn pack(packs: &[Pack], id: &str) -> Pack {
    packs.iter().find(|p| p.id == id).unwrap().clone()
}

fn day(s: &str) -> chrono::NaiveDate {
    parse_date(s).unwrap()
}

#[test]
fn no_regional_pack_borrows_the_national_orders_date() {
    let national = pack(&bundled::packs(), "cn-national-etc").versions[0].effective_from;
    for p in bundled::packs()
        .iter()
        .filter(|p| p.region.province.is_some())
    {
        for v in p.versions.iter() {
            assert_ne!(v.effective_from, national, "{} {}", p.id, v.id);
        }
    }
}

#[test]
fn xiamen_starts_after_the_old_measures_and_guangdong_switches_in_2023() {
    let packs = bundled::packs();
    // The 2021 round (call of 2021-09-29) still applied the old measures.
    for id in ["xm-etc", "xm-etc-pool"] {
        let p = pack(&packs, id);
        assert!(p.version_on(day("2021-12-31")).is_none(), "{id}");
        assert!(p
            .versions
            .iter()
            .all(|v| v.effective_from >= day("2021-10-01")));
        assert!(p.versions[0]
            .basis
            .as_ref()
            .unwrap()
            .en
            .contains("2021-09-29"));
    }
    let gd = pack(&packs, "gd-etc");
    assert_eq!(gd.version_on(day("2022-12-31")).unwrap().id, "2021");
    assert_eq!(gd.version_on(day("2023-01-01")).unwrap().id, "2022");
    assert_eq!(
        pack(&packs, "sn-etc").versions[0].effective_from,
        day("2021-03-10")
    );
    assert_eq!(
        pack(&packs, "ln-etc").versions[0].effective_from,
        day("2022-08-22")
    );
}
