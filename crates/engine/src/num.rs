//! Exact rational numbers for thresholds and figures.
//!
//! Eligibility lives at the boundary: 300万 must pass ">= 300万" and 675/13500 must pass
//! ">= 5%". Floating point cannot promise that, so every figure is kept as a reduced fraction
//! of two `i128`s. Inputs are bounded by validation (see [`crate::profile`]), which keeps the
//! arithmetic far from overflow; where it could still overflow the operations are checked and
//! comparisons never overflow at all.

use std::cmp::Ordering;
use std::fmt;

/// An exact rational number, always reduced, with a positive denominator.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Num {
    num: i128,
    den: i128,
}

/// Binary GCD: shifts and subtractions only, as 128-bit division is slow in software.
fn gcd(a: i128, b: i128) -> i128 {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) {
        return gcd64(a, b) as i128;
    }
    let (mut a, mut b) = (a, b);
    if a == 0 {
        return b as i128;
    }
    if b == 0 {
        return a as i128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return (a << shift) as i128;
        }
    }
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    // Integers are common operands, and the loop below would take a step per bit for them.
    if a == 1 || b == 1 {
        return 1;
    }
    // One division first: against a small operand (a percentage's 100, say) the loop
    // below would also take a step per bit of the large one.
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    b %= a;
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

impl Num {
    pub const ZERO: Num = Num { num: 0, den: 1 };
    pub const ONE: Num = Num { num: 1, den: 1 };
    pub const HUNDRED: Num = Num { num: 100, den: 1 };

    /// `num / den`, reduced. `None` when `den` is zero.
    pub fn ratio(num: i128, den: i128) -> Option<Num> {
        if den == 0 {
            return None;
        }
        if den == 1 {
            return Some(Num { num, den: 1 });
        }
        // Most figures fit in 64 bits, where division is a machine instruction.
        if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den)) {
            if n != i64::MIN && d != i64::MIN {
                let g = (gcd64(n.unsigned_abs(), d.unsigned_abs()) as i64).max(1);
                let (n, d) = (n / g, d / g);
                let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
                return Some(Num {
                    num: n as i128,
                    den: d as i128,
                });
            }
        }
        let g = gcd(num, den).max(1);
        let (mut n, mut d) = (num / g, den / g);
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        Some(Num { num: n, den: d })
    }

    /// Numerator and denominator when both fit in 64 bits (excluding `i64::MIN`, so that
    /// absolute values and their gcd fit too): the figures of a profile and the thresholds
    /// of a pack always do.
    fn small(self) -> Option<(i64, i64)> {
        let n = i64::try_from(self.num).ok().filter(|n| *n != i64::MIN)?;
        let d = i64::try_from(self.den).ok()?;
        Some((n, d))
    }

    pub fn int(n: i64) -> Num {
        Num {
            num: n as i128,
            den: 1,
        }
    }

    pub fn numer(self) -> i128 {
        self.num
    }

    pub fn denom(self) -> i128 {
        self.den
    }

    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// Number of decimal places needed to write this number exactly, or `None` when it has no
    /// finite decimal expansion (a third, say).
    pub fn decimal_places(self) -> Option<u32> {
        let mut d = self.den;
        let mut twos = 0u32;
        let mut fives = 0u32;
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        (d == 1).then_some(twos.max(fives))
    }

    /// Parses a plain decimal literal: optional sign, digits, optional fraction, optional
    /// exponent (`1500`, `-2.5`, `1.5e3`). Anything else is `None`.
    pub fn parse_decimal(s: &str) -> Option<Num> {
        let s = s.trim();
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
            None => (s, 0),
        };
        let (neg, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part
            .bytes()
            .chain(frac_part.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        // The digits without their leading zeros, at most 30 of them, which fit in an i128.
        let mut n: i128 = 0;
        let mut significant = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            if significant == 0 && b == b'0' {
                continue;
            }
            significant += 1;
            if significant > 30 {
                return None;
            }
            n = n * 10 + i128::from(b - b'0');
        }
        if neg {
            n = -n;
        }
        let scale = exp - frac_part.len() as i32;
        if !(-30..=30).contains(&scale) {
            return if n == 0 { Some(Num::ZERO) } else { None };
        }
        let p = 10i128.checked_pow(scale.unsigned_abs())?;
        if scale >= 0 {
            Num::ratio(n.checked_mul(p)?, 1)
        } else {
            Num::ratio(n, p)
        }
    }

    /// The exact decimal a JSON number was written as. serde_json hands over an `f64`, whose
    /// shortest round-trip form is the literal the author wrote for any figure of up to 15
    /// significant digits.
    pub fn from_f64(x: f64) -> Option<Num> {
        if !x.is_finite() {
            return None;
        }
        // serde_json prints the shortest round-trip form, without core's larger float
        // formatting code.
        Num::parse_decimal(&serde_json::Number::from_f64(x)?.to_string())
    }

    pub fn to_f64(self) -> f64 {
        // Both conversions round to nearest, so the 64-bit one (a machine instruction, where
        // the 128-bit one is a library call) gives the same result.
        match self.small() {
            Some((n, d)) => n as f64 / d as f64,
            None => self.num as f64 / self.den as f64,
        }
    }

    pub fn checked_add(self, o: Num) -> Option<Num> {
        if self.den == 1 && o.den == 1 {
            return Some(Num {
                num: self.num.checked_add(o.num)?,
                den: 1,
            });
        }
        if let (Some((a, b)), Some((c, d))) = (self.small(), o.small()) {
            // a/b + c/d over the least common denominator; every product of two 64-bit
            // factors fits in 128 bits, and so does the sum of two of them.
            let g = gcd64(b as u64, d as u64) as i64;
            let (bg, dg) = (b / g, d / g);
            let n = a as i128 * dg as i128 + c as i128 * bg as i128;
            return Num::ratio(n, bg as i128 * d as i128);
        }
        let g = gcd(self.den, o.den).max(1);
        let l = (self.den / g).checked_mul(o.den)?;
        let a = self.num.checked_mul(l / self.den)?;
        let b = o.num.checked_mul(l / o.den)?;
        Num::ratio(a.checked_add(b)?, l)
    }

    pub fn checked_sub(self, o: Num) -> Option<Num> {
        self.checked_add(o.checked_neg()?)
    }

    pub fn checked_neg(self) -> Option<Num> {
        Some(Num {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    pub fn checked_mul(self, o: Num) -> Option<Num> {
        if self.den == 1 && o.den == 1 {
            return Some(Num {
                num: self.num.checked_mul(o.num)?,
                den: 1,
            });
        }
        if let (Some((a, b)), Some((c, d))) = (self.small(), o.small()) {
            // Cross-cancelling two reduced fractions leaves a reduced product: only the sign
            // is left to settle, and the 64-bit factors cannot overflow 128 bits.
            let g1 = (gcd64(a.unsigned_abs(), d.unsigned_abs()) as i64).max(1);
            let g2 = (gcd64(c.unsigned_abs(), b.unsigned_abs()) as i64).max(1);
            let n = (a / g1) as i128 * (c / g2) as i128;
            let d = (b / g2) as i128 * (d / g1) as i128;
            return Some(if d < 0 {
                Num { num: -n, den: -d }
            } else {
                Num { num: n, den: d }
            });
        }
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        let n = (self.num / g1).checked_mul(o.num / g2)?;
        let d = (self.den / g2).checked_mul(o.den / g1)?;
        Num::ratio(n, d)
    }

    pub fn checked_div(self, o: Num) -> Option<Num> {
        if o.num == 0 {
            return None;
        }
        // The reciprocal is reduced but may carry the sign in its denominator, which
        // `checked_mul` settles.
        self.checked_mul(Num {
            num: o.den,
            den: o.num,
        })
    }

    /// A percentage (`3` for 3 %) as a fraction.
    pub fn percent(self) -> Option<Num> {
        self.checked_div(Num::HUNDRED)
    }

    /// The largest integer not above this number.
    pub fn floor(self) -> i128 {
        match self.small() {
            Some((n, d)) => n.div_euclid(d) as i128,
            None => self.num.div_euclid(self.den),
        }
    }

    pub fn ceil(self) -> i128 {
        match self.small() {
            Some((n, d)) => -((-n).div_euclid(d)) as i128,
            None => -(-self.num).div_euclid(self.den),
        }
    }

    pub fn min(self, o: Num) -> Num {
        if self <= o {
            self
        } else {
            o
        }
    }

    pub fn max(self, o: Num) -> Num {
        if self >= o {
            self
        } else {
            o
        }
    }

    /// Rounds half away from zero to `places` decimals, for display only.
    pub fn round_to(self, places: u32) -> Num {
        let p = 10i128.pow(places.min(12));
        let scaled = self.num.saturating_mul(p);
        let q = scaled / self.den;
        let r = scaled % self.den;
        let q = if r.abs().saturating_mul(2) >= self.den {
            q + scaled.signum()
        } else {
            q
        };
        Num::ratio(q, p).unwrap_or(self)
    }

    /// Decimal text with at most `places` decimals and no trailing zeros.
    pub fn to_decimal_string(self, places: u32) -> String {
        let mut s = String::new();
        // Most figures and gaps are integers: their text needs no rounding, and no 128-bit
        // division (a library call).
        if self.den == 1 && self.num.unsigned_abs() <= u128::from(u64::MAX) {
            if self.num < 0 {
                s.push('-');
            }
            push_digits(&mut s, self.num.unsigned_abs(), 1);
            return s;
        }
        let r = self.round_to(places);
        let p = 10i128.pow(places.min(12));
        let scaled = r.num * (p / r.den).max(1);
        let neg = scaled < 0;
        let abs = scaled.unsigned_abs();
        let int = abs / p as u128;
        let frac = abs % p as u128;
        if neg && abs != 0 {
            s.push('-');
        }
        push_digits(&mut s, int, 1);
        if frac != 0 {
            s.push('.');
            push_digits(&mut s, frac, places as usize);
            s.truncate(s.trim_end_matches('0').len());
        }
        s
    }
}

/// Appends `n` in decimal, zero-padded to `width` digits. By hand rather than through
/// `core::fmt`, whose 128-bit integer formatting (1.2 KB of wasm) nothing else needs.
fn push_digits(s: &mut String, mut n: u128, width: usize) {
    // 39 digits hold any u128.
    let mut digits = [0u8; 39];
    let mut at = digits.len();
    while n > u128::from(u64::MAX) {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // The rest in 64 bits, where division is a machine instruction.
    let mut m = n as u64;
    while m != 0 {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
    }
    let len = digits.len() - at;
    s.extend(std::iter::repeat_n('0', width.saturating_sub(len)));
    s.extend(digits[at..].iter().map(|&d| char::from(d)));
}

impl Num {
    /// This number against `base` to the power `n`, exactly however large the power grows: a
    /// compound growth rate over ten years with a threshold of 12.5 % raises 9/8 to the tenth,
    /// whose denominator alone needs 30 bits, and a rate with decimals far more than 128.
    pub fn cmp_pow(self, base: Num, n: u32) -> Ordering {
        let sign = |x: i128| x.signum() as i8;
        let power_sign = match (sign(base.num), n) {
            (_, 0) => 1,
            (s, n) if n % 2 == 0 => s * s,
            (s, _) => s,
        };
        let own = sign(self.num);
        if own != power_sign || own == 0 {
            return own.cmp(&power_sign);
        }
        // self = p/q and base^n = a^n/b^n: compare p·b^n with a^n·q, in magnitudes.
        let (mut left, mut right) = (big(self.num.unsigned_abs()), big(self.den.unsigned_abs()));
        let (a, b) = (big(base.num.unsigned_abs()), big(base.den.unsigned_abs()));
        for _ in 0..n {
            left = big_mul(&left, &b);
            right = big_mul(&right, &a);
        }
        let ord = big_cmp(&left, &right);
        if own < 0 {
            ord.reverse()
        } else {
            ord
        }
    }
}

/// A natural number as 32-bit digits, least significant first.
fn big(x: u128) -> Vec<u32> {
    (0..4).map(|i| (x >> (32 * i)) as u32).collect()
}

fn big_mul(x: &[u32], y: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; x.len() + y.len()];
    for (i, &a) in x.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &b) in y.iter().enumerate() {
            let t = a as u64 * b as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        out[i + y.len()] = carry as u32;
    }
    while out.len() > 1 && out[out.len() - 1] == 0 {
        out.pop();
    }
    out
}

fn big_cmp(x: &[u32], y: &[u32]) -> Ordering {
    let len = |v: &[u32]| v.iter().rposition(|d| *d != 0).map_or(0, |i| i + 1);
    let (lx, ly) = (len(x), len(y));
    lx.cmp(&ly)
        .then_with(|| x[..lx].iter().rev().cmp(y[..ly].iter().rev()))
}

/// Compares a/b with c/d (b, d > 0) without any multiplication that could overflow, by
/// comparing integer parts and then the reciprocals of the remainders.
fn cmp_fractions(mut a: i128, mut b: i128, mut c: i128, mut d: i128) -> Ordering {
    let mut flipped = false;
    loop {
        let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
        let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
        let ord = qa.cmp(&qc);
        if ord != Ordering::Equal {
            return if flipped { ord.reverse() } else { ord };
        }
        let ord = match (ra == 0, rc == 0) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (false, false) => None,
        };
        if let Some(ord) = ord {
            return if flipped { ord.reverse() } else { ord };
        }
        // ra/b vs rc/d, both in (0, 1): compare their reciprocals b/ra and d/rc, reversed.
        (a, b, c, d) = (b, ra, d, rc);
        flipped = !flipped;
    }
}

impl Ord for Num {
    fn cmp(&self, o: &Num) -> Ordering {
        if self.den == o.den {
            return self.num.cmp(&o.num);
        }
        if let (Some((a, b)), Some((c, d))) = (self.small(), o.small()) {
            return (a as i128 * d as i128).cmp(&(c as i128 * b as i128));
        }
        // Cross-multiplying is exact whenever it does not overflow, which is nearly always.
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => cmp_fractions(self.num, self.den, o.num, o.den),
        }
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, o: &Num) -> Option<Ordering> {
        Some(self.cmp(o))
    }

    // The comparison operators straight from `cmp`, one call fewer than through
    // `partial_cmp` in the size-optimised build.
    fn lt(&self, o: &Num) -> bool {
        self.cmp(o) == Ordering::Less
    }

    fn le(&self, o: &Num) -> bool {
        self.cmp(o) != Ordering::Greater
    }

    fn gt(&self, o: &Num) -> bool {
        self.cmp(o) == Ordering::Greater
    }

    fn ge(&self, o: &Num) -> bool {
        self.cmp(o) != Ordering::Less
    }
}

impl fmt::Debug for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string(6))
    }
}

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.den == 1 {
            if let Ok(i) = i64::try_from(self.num) {
                return s.serialize_i64(i);
            }
        }
        s.serialize_f64(self.round_to(6).to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        Num::parse_decimal(s).unwrap()
    }

    #[test]
    fn parses_decimal_literals_exactly() {
        assert_eq!(n("300"), Num::int(300));
        assert_eq!(n("3.00"), Num::int(3));
        assert_eq!(n("1500.5"), Num::ratio(3001, 2).unwrap());
        assert_eq!(n("1.5e3"), Num::int(1500));
        assert_eq!(n("-0.25"), Num::ratio(-1, 4).unwrap());
        assert_eq!(n(".5"), Num::ratio(1, 2).unwrap());
        for bad in ["", "-", ".", "1.2.3", "1,5", "abc", "1e", "0x10", "１"] {
            assert!(Num::parse_decimal(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn json_floats_keep_their_written_value() {
        assert_eq!(Num::from_f64(0.1).unwrap(), Num::ratio(1, 10).unwrap());
        assert_eq!(Num::from_f64(1500.5).unwrap(), n("1500.5"));
        assert_eq!(Num::from_f64(52000.0).unwrap(), Num::int(52000));
        assert!(Num::from_f64(f64::NAN).is_none());
    }

    #[test]
    fn boundary_comparisons_are_exact() {
        let ratio = Num::ratio(675, 13500).unwrap();
        assert_eq!(ratio, n("5").percent().unwrap());
        assert!(n("0.1").checked_add(n("0.2")).unwrap() == n("0.3"));
        assert!(n("3.00").percent().unwrap() >= n("3").percent().unwrap());
    }

    #[test]
    fn comparison_never_overflows() {
        let big = Num::ratio(i128::MAX - 1, i128::MAX).unwrap();
        let other = Num::ratio(i128::MAX - 2, i128::MAX - 1).unwrap();
        assert!(big > other);
        assert!(Num::ratio(-7, 3).unwrap() < Num::ratio(-2, 1).unwrap());
        assert!(Num::ratio(-1, 3).unwrap() > Num::ratio(-1, 2).unwrap());
    }

    #[test]
    fn decimal_strings_round_for_display() {
        assert_eq!(Num::ratio(2, 3).unwrap().to_decimal_string(2), "0.67");
        assert_eq!(n("1500").to_decimal_string(2), "1500");
        assert_eq!(n("-1.005").to_decimal_string(2), "-1.01");
        assert_eq!(n("0.001").to_decimal_string(2), "0");
        // Leading zeros of the fraction kept, trailing ones dropped.
        assert_eq!(n("-20.0500").to_decimal_string(6), "-20.05");
        assert_eq!(n("3.000007").to_decimal_string(6), "3.000007");
        assert_eq!(n("0").to_decimal_string(2), "0");
        assert_eq!(
            n("123456789012345678").to_decimal_string(0),
            "123456789012345678"
        );
        assert_eq!(Num::ratio(1, 3).unwrap().decimal_places(), None);
        assert_eq!(n("12.125").decimal_places(), Some(3));
        // Integers, through their shortcut and past it, as core prints them.
        for i in [
            0,
            7,
            -7,
            10,
            -100,
            i128::from(u64::MAX),
            -i128::from(u64::MAX),
            i128::from(u64::MAX) + 1,
            -(i128::from(u64::MAX) + 1),
        ] {
            for places in [0, 2, 6] {
                assert_eq!(
                    Num::ratio(i, 1).unwrap().to_decimal_string(places),
                    i.to_string()
                );
            }
        }
    }

    #[test]
    fn gcd_matches_euclid() {
        for (a, b, g) in [
            (12, 18, 6),
            (0, 5, 5),
            (5, 0, 5),
            (-12, 18, 6),
            (17, 31, 1),
            (1 << 40, 1 << 20, 1 << 20),
        ] {
            assert_eq!(gcd(a, b), g, "{a} {b}");
        }
        assert_eq!(Num::ratio(6, -4).unwrap(), Num::ratio(-3, 2).unwrap());
    }

    /// The 64-bit shortcuts against the plain definitions, around sign changes and near the
    /// edges of the 64-bit range.
    #[test]
    fn shortcuts_match_the_definitions() {
        let edge = i64::MAX as i128;
        let parts = [
            0,
            1,
            -1,
            2,
            -3,
            7,
            100,
            -250,
            999_983,
            edge,
            -edge,
            edge + 1,
        ];
        let mut nums = Vec::new();
        for n in parts {
            for d in [1, 2, 3, 100, 7919, edge, edge + 1] {
                nums.extend(Num::ratio(n, d));
            }
        }
        for &x in &nums {
            assert_eq!(x.floor(), x.num.div_euclid(x.den));
            assert_eq!(x.to_f64(), x.num as f64 / x.den as f64);
            assert_eq!(x.ceil(), -(-x.num).div_euclid(x.den));
            for &y in &nums {
                let sum = x
                    .num
                    .checked_mul(y.den)
                    .zip(y.num.checked_mul(x.den))
                    .and_then(|(a, b)| a.checked_add(b))
                    .zip(x.den.checked_mul(y.den))
                    .and_then(|(n, d)| Num::ratio(n, d));
                if let Some(sum) = sum {
                    assert_eq!(x.checked_add(y), Some(sum), "{x:?} + {y:?}");
                }
                let product = x
                    .num
                    .checked_mul(y.num)
                    .zip(x.den.checked_mul(y.den))
                    .and_then(|(n, d)| Num::ratio(n, d));
                if let Some(product) = product {
                    assert_eq!(x.checked_mul(y), Some(product), "{x:?} * {y:?}");
                }
                let quotient = x
                    .num
                    .checked_mul(y.den)
                    .zip(x.den.checked_mul(y.num))
                    .and_then(|(n, d)| Num::ratio(n, d));
                if let Some(quotient) = quotient {
                    assert_eq!(x.checked_div(y), Some(quotient), "{x:?} / {y:?}");
                }
                assert_eq!(
                    x.cmp(&y),
                    cmp_fractions(x.num, x.den, y.num, y.den),
                    "{x:?} vs {y:?}"
                );
            }
        }
    }

    /// The exact power against the rational one, where the rational one does not overflow, and
    /// beyond it: 1.12345^10 is past 128 bits.
    #[test]
    fn powers_compare_exactly() {
        let bases = ["1.05", "0.9", "-1.5", "0", "1", "2", "1.123456"].map(n);
        let values = [
            "0", "1", "-1", "1.1025", "2.5", "-3.375", "0.81", "1024", "0.5",
        ]
        .map(n);
        for b in bases {
            for k in 0..6u32 {
                let Some(p) = (0..k).try_fold(Num::ONE, |acc, _| acc.checked_mul(b)) else {
                    continue;
                };
                for v in values.into_iter().chain([p]) {
                    assert_eq!(v.cmp_pow(b, k), v.cmp(&p), "{v:?} vs {b:?}^{k}");
                }
            }
        }
        let f = n("1.12345");
        assert!((0..10)
            .try_fold(Num::ONE, |acc, _| acc.checked_mul(f))
            .is_none());
        // 1.12345^10 = 3.20285…
        assert_eq!(n("3.2028").cmp_pow(f, 10), Ordering::Less);
        assert_eq!(n("3.2029").cmp_pow(f, 10), Ordering::Greater);
    }

    #[test]
    fn floor_and_ceil() {
        assert_eq!(Num::ratio(7, 2).unwrap().floor(), 3);
        assert_eq!(Num::ratio(-7, 2).unwrap().floor(), -4);
        assert_eq!(Num::ratio(7, 2).unwrap().ceil(), 4);
        assert_eq!(Num::int(4).ceil(), 4);
    }
}
