import { describe, expect, it } from 'vitest';
import { auditEntityLabel, auditField, auditMethodLabel } from './labels.js';

describe('audit labels', () => {
  it('names the hosts’ events, which are not contract calls, and falls back readably', () => {
    const events = ['app.setup', 'app.login', 'app.loginFailed', 'app.lockedOut', 'app.recover', 'app.logout', 'app.sessionExpired', 'backup.restore', 'backup.restoreFailed', 'backup.failed', 'export.toFile'];
    for (const e of events) expect(auditMethodLabel(e)).toMatch(/^[\u4e00-\u9fff（）]+$/);
    expect(auditMethodLabel('member.update')).toBe('修改党员信息');
    expect(auditMethodLabel('backup.someNewStep')).toBe('备份操作（backup.someNewStep）');
    expect(auditMethodLabel('app.someNewEvent')).toBe('登录相关操作（app.someNewEvent）');
    expect(auditMethodLabel('x.y')).toBe('其他操作（x.y）');
    expect(auditEntityLabel('session')).toBe('登录');
    expect(auditEntityLabel('widget')).toBe('其他记录（widget）');
  });

  it('labels per entity: the same key reads as each record means it', () => {
    expect(auditField('org', 'name')?.label).toBe('名称');
    expect(auditField('member', 'name')?.label).toBe('姓名');
    expect(auditField('org', 'kind')?.values?.['branch']).toBe('党支部');
    expect(auditField('grid', 'kind')?.values?.['community']).toBe('社区');
    expect(auditField('meeting', 'kind')?.values?.['theme-day']).toBe('主题党日');
    expect(auditField('ledger', 'admin')?.label).toBe('首位管理员（用户名）');
    expect(auditField('member', 'mobile')?.flag).toBe(true);
  });
});
