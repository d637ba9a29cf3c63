import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { MEMBER_ORG_KINDS } from '../../shared/domain/member-orgs.js';
import { caller, createCore, tempDir } from '../helpers/ledger.js';

describe('org.search: the one organisation picker', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof caller>;
  let clerk: ReturnType<typeof caller>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    admin = caller(core, made.adminId);
    const jc = await admin('org.create', { parentId: made.rootId, name: '中共嘉城镇委员会', shortName: '嘉城镇', kind: 'committee', unitCategory: 'township' });
    const east = await admin('org.create', { parentId: jc.id, name: '中共嘉城镇东村支部委员会', shortName: '东村党支部', kind: 'branch', unitCategory: 'village' });
    const group = await admin('org.create', { parentId: east.id, name: '东村第一党小组', kind: 'group' });
    const other = await admin('org.create', { parentId: made.rootId, name: '中共乐山乡委员会', shortName: '乐山乡', kind: 'committee', unitCategory: 'township' });
    const otherVillage = await admin('org.create', { parentId: other.id, name: '中共乐山乡东村支部委员会', kind: 'branch', unitCategory: 'village' });
    Object.assign(ids, { jc: jc.id, east: east.id, group: group.id, other: other.id, otherVillage: otherVillage.id });
    const u = await admin('user.create', { username: 'jc_clerk', displayName: '嘉城镇录入员', role: 'clerk', scopeOrgId: jc.id, password: 'clerk-pass-2024' });
    clerk = caller(core, u.id);
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('finds by a fragment of the name or short name, and by pinyin initials, showing the path', async () => {
    const byName = await admin('org.search', { text: '东村' });
    expect(byName.map((h) => h.id).sort()).toEqual([ids.east, ids.group, ids.otherVillage].sort());
    const east = byName.find((h) => h.id === ids.east)!;
    expect(east.above).toEqual(['中共测试县委员会', '嘉城镇']);
    // 'jcz' is the short name's initials; the town itself comes before what lies under it.
    const byInitials = await admin('org.search', { text: 'jcz' });
    expect(byInitials[0]!.id).toBe(ids.jc);
    expect(byInitials.map((h) => h.id)).toContain(ids.east);
    expect(byInitials.map((h) => h.id)).not.toContain(ids.other);
    // 乐山 is read as a place (lè), not as a surname.
    expect((await admin('org.search', { text: 'lsx' })).map((h) => h.id)).toContain(ids.other);
  });

  it('offers only the kinds asked for: a member\'s branch is never a committee or a party group', async () => {
    const hits = await admin('org.search', { text: '东村', kinds: [...MEMBER_ORG_KINDS] });
    expect(hits.map((h) => h.id).sort()).toEqual([ids.east, ids.otherVillage].sort());
  });

  it('stays inside the caller\'s scope and names nothing above it', async () => {
    const hits = await clerk('org.search', { text: '东村' });
    expect(hits.map((h) => h.id).sort()).toEqual([ids.east, ids.group].sort());
    expect(hits.find((h) => h.id === ids.east)!.above).toEqual(['嘉城镇']);
    await expect(clerk('org.search', { text: '', rootId: ids.other })).rejects.toMatchObject({ code: 'FORBIDDEN', message: '该组织不在您的管理范围内' });
    expect((await clerk('org.search', { text: '' })).map((h) => h.id)[0]).toBe(ids.jc);
  });
});
