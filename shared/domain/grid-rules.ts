/**
 * Grid units (DOMAIN.md §2): the register of places beside the organisation tree.
 *
 *     社区 → 网格 → 小区 / 楼栋 / 巷道        村 → 村民小组 (→ 网格 where a village keeps them)
 *
 * 社区 and 村 are the places themselves: they exist whether or not a party organisation covers
 * them, so a village without any organisation shows in coverage. Every unit has two links to the
 * organisation tree, kept apart on purpose:
 * - the owning organisation (ownerOrgId): the township or street (乡镇党委 / 街道党工委) in whose area
 *   the place lies. It decides who may see and edit the unit (clerks' scopes reach it through the
 *   owner) and where the unit counts in statistics. A whole place shares its top unit's owner.
 * - the covering organisation (orgId): the 网格党支部 / 楼栋党小组 / 村党支部 that covers it, or none.
 *
 * Rules used by the contract, the core, the import and the page alike.
 */
import { GRID_KIND_CODES, GRID_KIND_NAMES } from '../contract/code-lists.js';
import { toHalfWidth } from './text.js';

export type GridKind = (typeof GRID_KIND_CODES)[number];

export const isGridKind = (k: string): k is GridKind => (GRID_KIND_CODES as readonly string[]).includes(k);

export const gridKindName = (k: string): string => (isGridKind(k) ? GRID_KIND_NAMES[k] : k);

/** The places: top units, never under another unit. */
export const PLACE_KINDS: readonly GridKind[] = ['community', 'village'];

/** Kinds a unit of each kind may sit under. */
const PARENT_KINDS: Record<GridKind, readonly GridKind[]> = {
  community: [],
  village: [],
  grid: ['community', 'village'],
  estate: ['community', 'grid'],
  building: ['community', 'grid', 'estate'],
  lane: ['community', 'grid', 'village'],
  'village-group': ['village', 'grid'],
};

/** Kinds that may be created under a unit of `parent` kind (null: the top, a place). */
export function childKinds(parent: GridKind | null): GridKind[] {
  if (parent === null) return [...PLACE_KINDS];
  return GRID_KIND_CODES.filter((k) => PARENT_KINDS[k].includes(parent));
}

/** The kind a new child of `parent` most likely has (the next level down). */
export function defaultChildKind(parent: GridKind | null): GridKind {
  switch (parent) {
    case null: return 'community';
    case 'community': return 'grid';
    case 'village': return 'village-group';
    case 'grid': return 'building';
    case 'estate': return 'building';
    default: return childKinds(parent)[0] ?? 'building';
  }
}

/**
 * Why a unit of `kind` cannot sit under `parent` (null when it may). A place is always a top unit;
 * everything else needs a parent of a fitting kind.
 */
export function placementProblem(kind: GridKind, parent: GridKind | null): string | null {
  if (parent === null) return PLACE_KINDS.includes(kind) ? null : `${GRID_KIND_NAMES[kind]}须建在${PARENT_KINDS[kind].map((k) => GRID_KIND_NAMES[k]).join('、')}之下`;
  if (PLACE_KINDS.includes(kind)) return `${GRID_KIND_NAMES[kind]}是最上一级，不能建在其他网格单元之下`;
  return PARENT_KINDS[kind].includes(parent) ? null : `${GRID_KIND_NAMES[kind]}不能建在${GRID_KIND_NAMES[parent]}之下（可在${PARENT_KINDS[kind].map((k) => GRID_KIND_NAMES[k]).join('、')}之下）`;
}

/** Kinds counted as buildings in coverage (楼栋党小组 covers a 楼栋 or 巷道). */
export const BUILDING_KINDS: readonly GridKind[] = ['building', 'lane'];

/** Fields edited in place without history (a rename, a move or a covering change is dated). */
export const GRID_PLAIN_FIELDS = ['leader', 'workers', 'households', 'population', 'buildingLeader'] as const;
export type GridPlainField = (typeof GRID_PLAIN_FIELDS)[number];

/** Dated records of a unit's life (grid_changes.kind). */
export const GRID_CHANGE_KINDS = ['found', 'rename', 'move', 'cover', 'dissolve'] as const;
export type GridChangeKind = (typeof GRID_CHANGE_KINDS)[number];
export const GRID_CHANGE_NAMES: Record<GridChangeKind, string> = {
  found: '设立',
  rename: '更名',
  move: '调整隶属',
  cover: '覆盖党组织变更',
  dissolve: '撤销',
};

/** Counts (户数, 人口): whole numbers from 0, as typed or pasted ("1,200" and "1200户" are read). */
export function parseCount(raw: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const s = toHalfWidth(raw).trim().replace(/[,，\s]/g, '').replace(/(户|人|口)$/, '');
  if (s === '') return { ok: true, value: null };
  if (!/^\d{1,9}$/.test(s)) return { ok: false, message: `“${raw.trim()}”不是非负整数` };
  return { ok: true, value: Number(s) };
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A run of Chinese numerals (一 … 九十九 … 九百九十九) as a number, or NaN. */
function chineseNumber(run: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of run) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

/**
 * Siblings in the order clerks count them: 第二网格 before 第十网格, 2号楼 before 10号楼 (the
 * collation alone puts 第二 after 第一 by pinyin, and 10 before 2).
 */
export function compareUnitNames(a: string, b: string): number {
  const key = (s: string) => s.replace(/[零〇一二两三四五六七八九十百]+/g, (run) => {
    const n = chineseNumber(run);
    return Number.isNaN(n) ? run : String(n);
  });
  return key(a).localeCompare(key(b), 'zh-Hans-CN', { numeric: true }) || a.localeCompare(b, 'zh-Hans-CN');
}
