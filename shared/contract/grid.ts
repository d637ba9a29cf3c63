/**
 * 网格 (DOMAIN.md §2): the register of places (社区, 村) and the units in them, with their dated
 * history (设立, 更名, 调整隶属, 覆盖党组织变更, 撤销), members registered with a unit (在职党员到
 * 社区报到), coverage views, and a block of rows saved at once (a paste from Excel/WPS).
 * Scope and the two organisation links of a unit (owning, covering): shared/domain/grid-rules.ts.
 */
import { z, id, isoDate, optText } from './zod.js';
import { query, command } from './define.js';
import { GRID_KIND_CODES } from './code-lists.js';
import { isIsoDate } from '../domain/dates.js';
import type { GridChangeKind, GridKind } from '../domain/grid-rules.js';

/** A real calendar day (2023-02-31 is refused). */
const day = isoDate.refine(isIsoDate, '日期不存在，请检查月份和日');
const count = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(99_999_999).nullable().optional();
const unitName = z.string().trim().min(1, '名称不能为空').max(60, '名称不能超过 60 个字');

/** What is edited in place, without history (shared/domain/grid-rules.ts GRID_PLAIN_FIELDS). */
export const gridPlainFields = z.object({
  leader: optText(32),
  workers: optText(200),
  households: count('户数'),
  population: count('人口'),
  buildingLeader: optText(32),
});

export interface GridUnit {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  kind: GridKind;
  /** The covering party organisation (网格党支部, 楼栋党小组, 村党支部 …), or none. */
  orgId: string | null;
  /** The organisation whose area it lies in (乡镇党委 / 街道党工委): scope and statistics. */
  ownerOrgId: string;
  leader: string | null;
  workers: string | null;
  households: number | null;
  population: number | null;
  buildingLeader: string | null;
  foundedOn: string;
  dissolvedOn: string | null;
  dissolvedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A unit in the tree (as of a date when asked): names of its organisations, its registered members. */
export interface GridNode extends GridUnit {
  orgName: string | null;
  orgKind: string | null;
  ownerName: string;
  initials: string;
  /** Members registered with this unit itself on the date. */
  registered: number;
}

export interface GridChangeView {
  id: string;
  gridId: string;
  kind: GridChangeKind;
  onDate: string;
  name: string | null;
  parentId: string | null;
  parentName: string | null;
  ownerOrgId: string | null;
  ownerName: string | null;
  orgId: string | null;
  orgName: string | null;
  reason: string | null;
  createdAt: string;
}

export interface GridRegistrationView {
  id: string;
  gridId: string;
  gridName: string;
  memberId: string;
  /** Null for a member outside the caller's scope: they are counted, never named. */
  memberName: string | null;
  orgName: string | null;
  fromDate: string | null;
  toDate: string | null;
}

/** One unit in the coverage views (as of a date). */
export interface CoverageRow {
  id: string;
  kind: GridKind;
  name: string;
  /** The names above it, top first ('新华社区 / 第1网格'). */
  placePath: string;
  ownerName: string;
  orgName: string | null;
  covered: boolean;
  /** Members registered with the unit or a unit below it on the date. */
  registered: number;
}

/** A row of a saved block: an existing unit (id) with the cells given, or a new child of the parent. */
const savedRow = gridPlainFields.extend({
  id: id.optional(),
  kind: z.enum(GRID_KIND_CODES).optional(),
  name: unitName.optional(),
  orgId: id.nullable().optional(),
});

/** A refused cell of a saved block: rows counted from 0 in the order sent. */
export interface RefusedCell {
  row: number;
  field: string;
  message: string;
}

export const gridApi = {
  /** The units of the caller's scope (or of one organisation's area, or below one unit); as of a date, from the records. */
  'grid.tree': query<GridNode[]>()(
    z.object({ under: id.optional(), rootId: id.optional(), asOf: day.optional(), includeDissolved: z.boolean().default(false) }),
    '网格树',
  ),
  'grid.get': query<{ unit: GridNode; ancestors: { id: string; name: string; kind: GridKind }[] }>()(z.object({ id }), '网格单元详情'),
  /** A place (社区, 村: parentId null, in ownerOrgId's area) or a unit under a parent. */
  'grid.create': command<GridUnit>()(
    gridPlainFields.extend({ parentId: id.nullable(), ownerOrgId: id.optional(), name: unitName, kind: z.enum(GRID_KIND_CODES, { error: '网格类别不在代码表中' }), orgId: id.nullable().optional(), foundedOn: day.optional() }),
    '新建网格单元',
  ),
  /**
   * 网格长, 网格员, 户数, 人口, 楼栋长, and a mended 设立日期 (a register built today for places older
   * than it); a name, a parent or a covering organisation changes through the dated calls.
   */
  'grid.update': command<GridUnit>()(z.object({ id, patch: gridPlainFields.extend({ foundedOn: day.optional() }), expectedUpdatedAt: z.string().optional() }), '修改网格单元'),
  /** A rename keeps the old name in the history; `correction` mends a typo in the current name instead. */
  'grid.rename': command<GridUnit>()(z.object({ id, name: unitName, onDate: day, correction: z.boolean().default(false) }), '网格单元更名'),
  /** Under another unit (its area's owner follows), or to the top as a place of `ownerOrgId`'s area. */
  'grid.move': command<GridUnit>()(z.object({ id, parentId: id.nullable(), ownerOrgId: id.optional(), onDate: day }), '调整网格单元隶属'),
  'grid.cover': command<GridUnit>()(z.object({ id, orgId: id.nullable(), onDate: day }), '变更网格单元覆盖党组织'),
  /** Dissolved, never deleted; units below and registrations go with it only when asked (`withChildren`). */
  'grid.dissolve': command<{ dissolved: number; registrationsEnded: number }>()(
    z.object({ id, onDate: day, reason: optText(200), withChildren: z.boolean().default(false) }),
    '撤销网格单元',
  ),
  'grid.history': query<GridChangeView[]>()(z.object({ id }), '网格单元历史'),
  /** 在职党员到社区报到: the member's one registered unit from that day (null ends it). */
  'grid.register': command<{ memberId: string; gridId: string | null; onDate: string }>()(
    z.object({ memberId: id, gridId: id.nullable(), onDate: day }),
    '党员到网格报到',
  ),
  'grid.registrations': query<{ rows: GridRegistrationView[]; outside: number }>()(
    z.object({ gridId: id, asOf: day.optional(), subtree: z.boolean().default(true), includeEnded: z.boolean().default(false) }),
    '网格报到党员',
  ),
  'grid.coverage': query<{ asOf: string; rows: CoverageRow[] }>()(z.object({ under: id.optional(), asOf: day.optional() }), '网格覆盖情况'),
  /** A block of rows (a paste): every cell checked, all saved as one change or none, refused cells listed. */
  'grid.saveRows': command<{ created: number; updated: number; createdIds: string[]; dissolved: number }>()(
    z.object({
      parentId: id.nullable(),
      ownerOrgId: id.optional(),
      onDate: day,
      /** A changed 名称 is a rename from onDate, or the mending of a typo. */
      nameAs: z.enum(['rename', 'correction']).default('rename'),
      rows: z.array(savedRow).max(2000),
      /** Units created by mistake, dissolved on onDate in the same change (the page's undo of a paste). */
      dissolveIds: z.array(id).max(2000).default([]),
    }).refine((v) => v.rows.length + v.dissolveIds.length > 0, '没有要保存的内容'),
    '批量保存网格单元',
  ),
} as const;
