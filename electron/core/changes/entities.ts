import type { Ctx } from '../context.js';
import { memberInScope } from '../auth/records.js';
import { MEMBER_BOOLEANS } from '../member/repo.js';
import { toSqlBooleans } from '../util/rows.js';
import { patchAudited } from './patch.js';

/**
 * What undo needs of each kind of record a change set may touch: its scoped loader, how to write a
 * patch back (audited) and the fields that change only through dated events, which an undo never
 * rewrites. Organisations and grid units add themselves here when their grids get change sets.
 */
export interface ChangeEntity {
  /** The record if in the caller's scope (refused otherwise), with a name for messages. */
  load(ctx: Ctx, id: string): Promise<Record<string, unknown> & { updatedAt: string; label: string }>;
  write(ctx: Ctx, current: Record<string, unknown>, patch: Record<string, unknown>): Promise<boolean>;
  eventFields: readonly string[];
  /** What the event fields are called, for the refusal. */
  eventFieldNames: string;
}

export const memberChanges: ChangeEntity = {
  async load(ctx, id) {
    const m = await memberInScope(ctx, id);
    return { ...m, label: m.name };
  },
  write: (ctx, current, patch) => patchAudited(ctx, 'members', 'member', current, patch, (p) => toSqlBooleans(p, MEMBER_BOOLEANS)),
  eventFields: ['category', 'joinedOn', 'confirmedOn', 'orgId', 'status', 'leftOn', 'leftReason', 'gridId', 'gridRegisteredOn'],
  eventFieldNames: '人员类别、入党日期、转正日期、所在党支部、党籍状态或网格报到',
};

export const CHANGE_ENTITIES: Record<string, ChangeEntity> = { member: memberChanges };
