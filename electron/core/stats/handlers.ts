import { sql } from 'kysely';
import { LedgerError } from '../../../shared/contract/envelope.js';
import { REPORTS } from '../../../shared/reports/definitions.js';
import type { HandlerMap } from '../handler-types.js';
import { inSubtree, subtreeUpper } from '../auth/scope.js';
import { escapeLike } from '../util/like.js';
import { computeReports, definitionOf, definitionsOfDomain, drill } from './engine.js';
import { computeStats } from './summary.js';

export const statsHandlers: HandlerMap<'stats.'> = {
  async 'stats.compute'(ctx, input) {
    return computeStats(ctx, input);
  },
  async 'stats.report'(ctx, input) {
    const [r] = await computeReports(ctx, [definitionOf(input.definitionId)], input);
    return r!;
  },
  async 'stats.page'(ctx, input) {
    return computeReports(ctx, definitionsOfDomain(input.domain), input);
  },
  async 'stats.drill'(ctx, input) {
    return drill(ctx, input);
  },
  async 'stats.definitions'() {
    return REPORTS.map((d) => ({ id: d.id, title: d.title, domain: d.domain, period: !!d.period }));
  },
  async 'stats.resolveOrg'(ctx, input) {
    const ref = input.ref;
    const rows = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'name', 'shortName', 'path', 'dissolvedOn'])
      .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref), eb('shortName', '=', ref)]))
      .execute();
    const visible = rows.filter((r) => inSubtree(r.path, ctx.actor.scopePath));
    const exact = visible.find((r) => r.id === ref);
    if (exact) return { id: exact.id, name: exact.name };
    if (visible.length === 1) return { id: visible[0]!.id, name: visible[0]!.name };
    if (visible.length === 0 && rows.length > 0) throw new LedgerError('FORBIDDEN', '该组织不在您的管理范围内');
    if (visible.length === 0) {
      // Suggestions from the caller's subtree only: a name elsewhere in the county is not theirs to see.
      const scope = ctx.actor.scopePath;
      const like = await ctx.db
        .selectFrom('orgs')
        .select('name')
        .where('path', '>=', scope)
        .where('path', '<', subtreeUpper(scope))
        .where(sql<boolean>`name LIKE ${'%' + escapeLike(ref) + '%'} ESCAPE '\\'`)
        .orderBy('path')
        .limit(5)
        .execute();
      throw new LedgerError('NOT_FOUND', `找不到组织“${ref}”${like.length ? `（相近的有：${like.map((l) => l.name).join('、')}）` : ''}`);
    }
    const list = visible.map((r) => `${r.name}${r.shortName && r.shortName !== r.name ? `（${r.shortName}）` : ''}${r.dissolvedOn ? '［已撤销］' : ''} ${r.id}`);
    throw new LedgerError('CONFLICT', `组织名称“${ref}”不唯一，请改用组织编号：${list.join('；')}`, { candidates: visible.map((r) => ({ id: r.id, name: r.name })) });
  },
};
