import { z, id, isoDate } from './zod.js';
import { query } from './define.js';
import type { Page } from '../types/records.js';
import type { ReportResult } from '../reports/types.js';

const when = {
  /** Subtree root (default: the caller's scope). */
  under: id.optional(),
  /** State on this date (default today). */
  asOf: isoDate.optional(),
  /** Period for 发展党员, 数量变化, 进入两委 (default: 1 January of the as-of year to asOf). */
  from: isoDate.optional(),
  to: isoDate.optional(),
};

/** A record behind a figure. */
export interface DrillRow {
  id: string;
  name: string;
  orgId: string | null;
  orgName: string | null;
  detail: string | null;
}

export const statsApi = {
  /** The whole statistics object of CLI.md (`stats --json`). */
  'stats.compute': query<Record<string, unknown> & { asOf: string; under: { id: string; name: string } }>()(z.object(when), '统计汇总'),
  /** One report definition (shared/reports) computed over a subtree and date or period. */
  'stats.report': query<ReportResult>()(z.object({ definitionId: z.string().min(1).max(60), ...when }), '统计表'),
  /** The reports of one dashboard page, computed together (members grouped once). */
  'stats.page': query<ReportResult[]>()(
    z.object({ domain: z.enum(['organisations', 'members', 'change', 'development', 'reserves', 'teams', 'life', 'grids']), ...when }),
    '统计页',
  ),
  /** The people or organisations behind one figure (a report's drill descriptor). */
  'stats.drill': query<Page<DrillRow>>()(
    z.object({
      definitionId: z.string().min(1).max(60),
      rowKey: z.string().min(1).max(60),
      columnKey: z.string().min(1).max(60),
      under: id.optional(),
      asOf: isoDate.optional(),
      from: isoDate.nullable().optional(),
      to: isoDate.nullable().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    '统计数字明细',
  ),
  'stats.definitions': query<{ id: string; title: string; domain: string; period: boolean }[]>()(z.object({}), '统计表目录'),
  /** An organisation by id, full name or short name (CLI `--under`); ambiguous names are an error listing the candidates. */
  'stats.resolveOrg': query<{ id: string; name: string }>()(z.object({ ref: z.string().trim().min(1).max(100) }), '查找组织'),
} as const;
