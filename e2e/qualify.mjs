// What the app's end-to-end tests share: the reference profile and how a user types it in,
// the engine's own verdict on it from the native command line, and readers of the page hooks
// of contract section 4.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);

/** The native `qualify` of crates/cli; `cargo xtask test` builds it before this layer. */
export const CLI =
  process.env.QUALIFY_CLI ?? fileURLToPath(new URL('../target/debug/qualify', import.meta.url));

/** Screenshots go here (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export const LANGS = ['zh', 'en'];

/** The date every test assesses on, so the expected outcomes do not move with the clock. */
export const AS_OF = '2025-06-30';

/**
 * The contract's example profile (section 1): its years are the three before AS_OF. Every
 * program has criteria in every status between them.
 */
export const PROFILE = JSON.parse(
  await readFile(new URL('../crates/engine/tests/data/example-profile.json', import.meta.url), 'utf8'),
);

// The labels a user reads, per language. Yearly figures are a row per figure with one cell
// per year.
const FIELD = {
  name: ['企业名称', 'Company name'],
  registered_on: ['注册成立日期', 'Date of registration'],
  province: ['所在省份', 'Province'],
  city: ['所在城市', 'City'],
  industry: ['行业类别', 'Industry'],
  designated_size: ['规模以上企业', 'Above designated size'],
  sme: ['中小企业', 'SME'],
  hnte_domain: ['核心技术所属高新技术领域', 'High-tech domain of the core technology'],
  'ip.class1': ['I类知识产权数', 'Class I IP items'],
  'ip.class1_self_developed': ['其中自主研发的I类知识产权', 'of which self-developed'],
  'ip.class1_high_value': ['其中高价值I类知识产权', 'of which high-value'],
  'ip.class2': ['II类知识产权数', 'Class II IP items'],
  'center.established_on': ['技术中心成立日期', 'Date the technology center was established'],
  'center.space_m2': ['技术中心专用场地面积', 'Dedicated center space'],
  'center.equipment_on_premises_pct': [
    '在中心场所使用的设备原值占比',
    'Share of equipment value used on center premises',
  ],
};

const YEAR_ROW = {
  revenue: ['营业收入总额', 'Total revenue'],
  main_revenue: ['主营业务收入', 'Main business revenue'],
  tax_payable: ['应纳税额', 'Tax payable'],
  rd_expense: ['研究与试验发展经费支出额', 'R&D expenditure'],
  rd_expense_domestic: ['境内研发费用', 'R&D spent in China'],
  net_profit: ['净利润', 'Net profit'],
  total_profit: ['利润总额', 'Total profit'],
  net_assets: ['净资产(年末)', 'Net assets (year end)'],
  total_assets: ['资产总额(年末)', 'Total assets (year end)'],
  total_liabilities: ['负债总额(年末)', 'Total liabilities (year end)'],
  hightech_income: ['高新技术产品(服务)收入', 'High-tech product/service income'],
  new_product_revenue: ['新产品销售收入', 'New product sales'],
  equity_financing: ['合格机构投资者新增股权融资', 'New equity from qualified institutional investors'],
  employees: ['职工总数', 'Employees'],
  rd_staff: ['专职研究与试验发展人员数', 'Full-time R&D staff'],
  st_staff: ['科技人员数', 'S&T staff'],
  equipment_value: ['技术开发仪器设备原值(年末)', 'R&D equipment original value (year end)'],
  tech_transfers: ['科技成果转化数', 'Technology transfers'],
};

// What the choices of the example are called in each language.
const CHOICE = {
  fujian: ['福建省', 'Fujian'],
  xiamen: ['厦门市', 'Xiamen'],
  manufacturing: ['制造业', 'Manufacturing'],
  'advanced-manufacturing': ['先进制造与自动化', 'Advanced manufacturing and automation'],
  true: ['是', 'Yes'],
  false: ['否', 'No'],
  'municipal-etc': ['市级企业技术中心', 'Municipal enterprise technology center'],
  'provincial-etc': ['省级企业技术中心', 'Provincial enterprise technology center'],
  hnte: ['高新技术企业', 'High and new technology enterprise'],
};

// Amounts the way people write them, each read back as the example's figure.
const WRITTEN = {
  'years.2024.revenue': '5.2亿',
  'years.2024.main_revenue': '５００００',
  'years.2024.tax_payable': '1,800',
  'years.2024.total_assets': '6亿',
  'years.2023.revenue': '47,000',
  'years.2022.revenue': '４１，０００',
  'years.2024.rd_expense': '2100.0',
};

const UI = {
  certAdd: ['添加一项认定', 'Add a certification'],
  certKind: ['认定类别', 'Recognition'],
  certSince: ['获得日期', 'Since'],
  certUntil: ['有效期至(可选)', 'Valid until (optional)'],
  holds: ['符合', 'Yes, it holds'],
  selectAll: ['全选', 'Select all'],
  selectNone: ['全不选', 'Select none'],
  onlyThis: ['只选此项', 'Only this'],
  showAll: ['显示全部字段', 'Show every field'],
  results: ['评估结果', 'Results'],
  import: ['导入 JSON 文件', 'Import a JSON file'],
  whatifStart: ['开始假设分析', 'Start a what-if'],
  whatifTake: ['需要做到什么?', 'What does it take?'],
  share: ['生成分享链接', 'Make a share link'],
  details: ['查看项目说明', 'Program details'],
  back: ['返回评估', 'Back to the assessment'],
  skip: ['跳到评估结果', 'Skip to results'],
  lost: ['国家企业技术中心:不符合条件', 'National enterprise technology center: Not eligible'],
  target: ['目标项目', 'Target program'],
  national: ['国家企业技术中心', 'National enterprise technology center'],
  reset: ['恢复为实际数据', 'Reset to my figures'],
  changes: ['需要的变化', 'Changes needed'],
  now: ['实际', 'Now'],
  then: ['假设', 'What if'],
  rdExpense: ['研究与试验发展经费支出额', 'R&D expenditure'],
  here: ['当前所在层级', 'You are here'],
  next: ['下一层级', 'Next rung'],
  inForce: ['当前有效', 'in force'],
  sources: ['政策依据', 'Sources'],
  sort: ['排序', 'Sort by'],
  closeness: ['按接近程度', 'By how close'],
  export: ['导出为 JSON 文件', 'Export as a JSON file'],
  clear: ['清空全部数据', 'Clear all figures'],
  importOk: ['已导入。', 'Imported.'],
  cleared: ['已清空全部数据。10 秒内可撤销。', 'All figures cleared. You can undo this for 10 seconds.'],
  undoClear: ['撤销清空', 'Undo clearing'],
  shareWarning: ['任何拿到此链接的人都能看到', 'whoever gets this link can see every figure'],
  importFailed: ['导入失败,当前数据未改变', 'Import failed; your current figures are unchanged'],
  remember: ['在本设备上记住我的数据', 'Remember my figures on this device'],
  forget: ['清除本设备上保存的数据', 'Forget my figures on this device'],
  forgotten: ['已清除本设备上保存的数据', 'Your saved figures were removed from this device'],
  notOverwritten: ['本设备上记住的数据未被覆盖', 'the figures remembered on this device were not overwritten'],
  printedOn: ['打印日期', 'Printed on'],
  asOf: ['评估日期', 'Assessment date'],
  asOfInvalid: ['日期无效,仍按上一个有效日期评估', 'Not a valid date; the last valid date is still used'],
  hash: ['规则包哈希', 'Hash of the rule packs'],
  storageFailed: ['未能保存到本设备:浏览器的存储空间已满或不可用', "Could not save on this device: the browser's storage is full or unavailable"],
  asOfLinkInvalid: ['地址中的评估日期“2025-02-30”不是 YYYY-MM-DD 格式的有效日期,现按 ', 'The assessment date “2025-02-30” in the address is not a real date in YYYY-MM-DD form; assessing on '],
  hostPending: ['正在获取本网站提供的规则', 'Fetching the rules this site supplies'],
  hostTimedOut: ['该规则包在 10 秒内没有响应,未予采用。', 'The rule pack did not answer within 10 seconds, so it was not used.'],
};

const pick = (pair, lang) => pair[lang === 'zh' ? 0 : 1];

/** A UI string in a language. */
export const ui = (key, lang) => pick(UI[key], lang);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches an accessible name that starts with `text` (a unit may follow it). */
export const startsWith = (text) => new RegExp(`^${escape(text)}(?![^ (（])`);

/** The labelled control of a field path: `province`, `ip.class1`, `years.2024.revenue`. */
export function fieldFor(page, path, lang) {
  const year = /^years\.(\d{4})\.(.+)$/.exec(path);
  if (year) {
    const row = page.getByRole('group', { name: startsWith(pick(YEAR_ROW[year[2]], lang)) });
    const cell = lang === 'zh' ? `${year[1]}年` : year[1];
    return row.getByLabel(new RegExp(`${escape(cell)}$`));
  }
  return page.getByLabel(startsWith(pick(FIELD[path], lang)), { exact: false }).first();
}

/** The declaration text of a criterion, as a pack states it. */
export async function declaration(programId, criterionId, lang) {
  const pack = JSON.parse(
    await readFile(new URL(`../packs/${programId}.json`, import.meta.url), 'utf8'),
  );
  const inForce = pack.versions.filter((v) => v.effective_from <= AS_OF).at(-1);
  return inForce.criteria.find((c) => c.id === criterionId).label[lang];
}

/** Every scalar of a profile by contract path, years flattened: `years.2024.revenue`. */
function flatten(profile) {
  const out = [];
  for (const [key, value] of Object.entries(profile)) {
    if (['schema', 'certifications', 'confirmations'].includes(key) || value === null) {
      continue;
    }
    if (key === 'years') {
      for (const [year, figures] of Object.entries(value)) {
        for (const [field, n] of Object.entries(figures)) {
          out.push([`years.${year}.${field}`, n]);
        }
      }
    } else if (typeof value === 'object') {
      for (const [field, v] of Object.entries(value)) {
        out.push([`${key}.${field}`, v]);
      }
    } else {
      out.push([key, value]);
    }
  }
  return out;
}

/**
 * Types a profile into the form the way a user does: finds each field by its label, types
 * amounts in the ways people write them, picks choices by their names, fills the
 * certifications editor and confirms the declarations.
 */
export async function typeProfile(page, profile, lang) {
  await page.getByRole('button', { name: ui('selectAll', lang) }).click();
  for (const [path, value] of flatten(profile)) {
    let control = fieldFor(page, path, lang);
    if ((await control.count()) === 0) {
      // No chosen program reads this figure, so the form does not ask for it.
      await page.getByLabel(ui('showAll', lang)).check();
      control = fieldFor(page, path, lang);
    }
    const tag = await control.evaluate((el) => el.tagName);
    if (tag === 'SELECT') {
      await control.selectOption({ label: pick(CHOICE[String(value)], lang) });
    } else {
      await control.fill(WRITTEN[path] ?? String(value));
    }
  }
  for (const [i, cert] of (profile.certifications ?? []).entries()) {
    await page.getByRole('button', { name: ui('certAdd', lang) }).click();
    await page.getByLabel(startsWith(ui('certKind', lang))).nth(i).selectOption({ label: pick(CHOICE[cert.kind], lang) });
    await page.getByLabel(startsWith(ui('certSince', lang))).nth(i).fill(cert.since);
    if (cert.until) {
      await page.getByLabel(startsWith(ui('certUntil', lang))).nth(i).fill(cert.until);
    }
  }
  for (const id of profile.confirmations ?? []) {
    const text = await declaration('cn-national-etc', id, lang);
    await page
      .getByRole('radiogroup', { name: text })
      .getByRole('radio', { name: ui('holds', lang), exact: true })
      .check();
  }
}

/** The engine's verdict on a profile: the programs of `qualify assess` (crates/cli). */
export async function cliPrograms(profile, asOf = AS_OF) {
  const dir = await mkdtemp(join(tmpdir(), 'qualify-cli-'));
  try {
    const file = join(dir, 'profile.json');
    await writeFile(file, JSON.stringify(profile));
    const out = execFileSync(CLI, ['assess', file, '--as-of', asOf], { encoding: 'utf8' });
    return JSON.parse(out).programs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The engine's outcomes for a profile, in the shape `readResults` reads from the page. */
export async function assessWithCli(profile, asOf = AS_OF) {
  return outcomes(await cliPrograms(profile, asOf));
}

/** `{ id: { outcome, criteria: { id: status } } }` from the CLI's programs. */
function outcomes(programs) {
  return Object.fromEntries(
    programs.map((p) => [
      p.id,
      {
        outcome: p.outcome,
        criteria: Object.fromEntries(p.criteria.map((c) => [c.id, c.status])),
      },
    ]),
  );
}

/** The same shape read from the page hooks: every program element and its criterion rows. */
export function readResults(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-program][data-outcome]')].map((p) => [
        p.dataset.program,
        {
          outcome: p.dataset.outcome,
          criteria: Object.fromEntries(
            [...p.querySelectorAll('[data-criterion]')].map((c) => [
              c.dataset.criterion,
              c.dataset.status,
            ]),
          ),
        },
      ]),
    ),
  );
}

/** Waits until the page shows `expected`, then asserts it (for a readable difference). */
export async function assertResults(page, expected, timeout = 5_000) {
  const until = Date.now() + timeout;
  let shown;
  do {
    shown = await readResults(page);
    if (isDeepStrictEqual(shown, expected)) {
      return;
    }
    await page.waitForTimeout(50);
  } while (Date.now() < until);
  assert.deepEqual(shown, expected);
}

/** The outcome of one program on the page. */
export const outcomeOf = (page, id) =>
  page.locator(`.q-results [data-program="${id}"]`).getAttribute('data-outcome');

/** Waits for the app to have rendered its results, regional packs shown fetched or failed. */
export async function ready(page) {
  // A missing label should fail in seconds, not after playwright's 30 s default.
  page.setDefaultTimeout(10_000);
  await page.locator('[data-program][data-outcome]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-pack="loading"]') === null);
}

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousViolations(page, context) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(
    (ctx) => window.axe.run(ctx ?? document, { resultTypes: ['violations'] }),
    context,
  );
  return result.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
}

/**
 * Writes a screenshot into e2e/artifacts/ and returns its path: of one element when `element`
 * (a selector) is given, else of the page, whole or (`fullPage: false`) as far as it shows.
 */
export async function screenshot(page, name, { element, fullPage = true } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if (element) {
    await page.locator(element).screenshot({ path });
  } else {
    await page.screenshot({ path, fullPage });
  }
  return path;
}
