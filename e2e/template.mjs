// Filled templates for the screening page's tests and its benchmark: the contract's example
// profile, row after row, its figures scaled by a fixed generator.

import { PROFILE } from './qualify.mjs';

/** The row (spreadsheet numbering: the key row is 1) whose revenue cannot be read. */
export const BAD_ROW = 1_002;

const PLACES = [
  ['fujian', 'xiamen'], ['fujian', 'xiamen'], ['fujian', 'fuzhou'], ['guangdong', 'shenzhen'], ['chongqing', 'chongqing'],
];
const WIDE = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const Y = PROFILE.years;

/** A template of `rows` enterprises: the contract's example profile (eligible for some programs,
 *  short of others) with its figures scaled by a fixed generator, so that every outcome occurs;
 *  amounts in 万元, in 亿 and in full-width digits, blank cells; one blank row (row 500), and
 *  when `bad` one cell that cannot be read on BAD_ROW. */
export function template(rows, { bad = true } = {}) {
  let seed = 7;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const base = {
    registered_on: PROFILE.registered_on,
    industry: PROFILE.industry,
    designated_size: '是',
    sme: '否',
    hnte_domain: PROFILE.hnte_domain,
    'ip.class1': PROFILE.ip.class1,
    'ip.class1_self_developed': PROFILE.ip.class1_self_developed,
    'ip.class1_high_value': PROFILE.ip.class1_high_value,
    'ip.class2': PROFILE.ip.class2,
    'center.established_on': PROFILE.center.established_on,
    'center.space_m2': PROFILE.center.space_m2,
    'center.equipment_on_premises_pct': PROFILE.center.equipment_on_premises_pct,
    ...Object.fromEntries(Object.entries(Y).flatMap(([year, figures]) =>
      Object.entries(figures).map(([k, v]) => [`${year}.${k}`, v]))),
    ...Object.fromEntries(PROFILE.certifications.map((c) =>
      [`certifications.${c.kind}`, c.until ? `${c.since}~${c.until}` : c.since])),
    confirmations: PROFILE.confirmations.join(','),
  };
  const columns = ['name', 'province', 'city', ...Object.keys(base)];
  const lines = [columns.join(',')];
  for (let i = 0; lines.length < rows + 1; i++) {
    const row = lines.length + 1;
    if (row === 500) {
      lines.push(columns.map(() => '').join(','));
      continue;
    }
    const [province, city] = PLACES[next(PLACES.length)];
    // Most rows as the example, the others scaled between 0.5 and 1.5 of it.
    const scale = next(3) === 0 ? 1 : 0.5 + next(101) / 100;
    const cells = { name: `企业${i}`, province, city };
    for (const [key, value] of Object.entries(base)) {
      if (typeof value !== 'number' || !/^\d{4}\./.test(key)) {
        cells[key] = value === null ? '' : String(value);
        continue;
      }
      const n = Math.round(value * scale);
      const kind = next(6);
      const count = /staff|employees|transfers/.test(key);
      cells[key] = next(15) === 0 ? '' : kind === 0 && n >= 10_000 && !count
        ? `${n / 10_000}亿`
        : kind === 1 ? WIDE(String(n)) : String(n);
    }
    if (row === BAD_ROW && bad) {
      cells['2024.revenue'] = '很多';
    }
    lines.push(columns.map((c) => (cells[c].includes(',') ? `"${cells[c]}"` : cells[c])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The spreadsheet column (A, B, …, AA) of `key` in the template. */
export const column = (key) => {
  const header = template(1).split('\n')[0].split(',');
  let n = header.indexOf(key) + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

