import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { caller, createCore, idFor, tempDir } from '../helpers/ledger.js';

describe('search boxes of the org-bound lists', () => {
  const tmp = tempDir();
  let core: Core;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    const made = await createCore(tmp.dir);
    core = made.core;
    call = caller(core, made.adminId);
    const v = await call('org.create', { parentId: made.rootId, name: '中共东村支部委员会', kind: 'branch', unitCategory: 'village' });
    await call('meeting.create', { orgId: v.id, kind: 'theme-day', heldOn: '2024-05-10', topic: '学习党章主题党日' });
    await call('meeting.create', { orgId: v.id, kind: 'lecture', heldOn: '2024-06-01', topic: '书记讲党课' });
    await call('reserve.create', { idNumber: idFor('1992-01-01'), name: '李_明', villageOrgId: v.id });
    await call('reserve.create', { idNumber: idFor('1993-01-01'), name: '李华明', villageOrgId: v.id });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('meetings are searched by topic', async () => {
    const r = await call('meeting.list', { text: '党课' });
    expect(r.rows.map((m) => m.topic)).toEqual(['书记讲党课']);
  });

  it('a typed "_" matches itself, not any character', async () => {
    const r = await call('reserve.list', { text: '李_' });
    expect(r.rows.map((x) => x.name)).toEqual(['李_明']);
  });
});
