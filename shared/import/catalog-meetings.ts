/**
 * 组织生活 records as branches keep them: one row per meeting (党组织, 类型, 日期, 主题, 实到 /
 * 缺席 counts, 缺席人员及原因 written as "张三（病假）、李四（外出务工）").
 */
import type { Catalogue } from './fields.js';
import { MEETING_KIND_NAMES, MEETING_KINDS } from '../domain/meeting-rules.js';

const KIND_ALIASES: Record<string, string[]> = {
  'member-congress': ['党员大会', '支部大会', '支部党员大会', '党员大会会议'],
  committee: ['支委会', '支部委员会', '支委会议', '支部委员会会议'],
  group: ['党小组会', '党小组会议', '小组会'],
  lecture: ['党课', '讲党课', '专题党课'],
  'theme-day': ['主题党日', '主题党日活动', '党员活动日'],
  'life-meeting': ['组织生活会', '专题组织生活会'],
  review: ['民主评议党员', '民主评议', '评议党员'],
};

export const MEETING_CATALOGUE: Catalogue = {
  kind: 'meetings',
  title: '组织生活记录',
  fields: [
    { key: 'orgId', label: '党组织', aliases: ['党支部', '所在党支部', '党组织名称', '支部名称', '开展单位'], kind: 'orgRef', required: true },
    { key: 'kind', label: '类型', aliases: ['会议类型', '活动类型', '组织生活类型', '类别'], kind: 'choice', required: true, choices: MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_NAMES[k], aliases: KIND_ALIASES[k] ?? [] })) },
    { key: 'heldOn', label: '日期', aliases: ['会议日期', '召开日期', '开展日期', '时间', '会议时间', '活动时间'], kind: 'date', required: true },
    { key: 'topic', label: '主题', aliases: ['会议主题', '内容', '主要内容', '议题', '活动主题'], kind: 'text', max: 200 },
    { key: 'attendees', label: '实到人数', aliases: ['实到', '参会人数', '出席人数'], kind: 'integer' },
    { key: 'absentees', label: '缺席人数', aliases: ['缺席', '未到人数'], kind: 'integer' },
    { key: 'absentList', label: '缺席人员及原因', aliases: ['缺席人员', '缺席人员名单', '请假人员', '缺席原因'], kind: 'text', max: 2000, hint: '如：张三（病假）、李四（外出务工）' },
    { key: 'note', label: '备注', aliases: ['说明'], kind: 'text', max: 2000 },
  ],
};

/** "张三（病假）、李四(外出务工)；王五" → names with reasons. */
export function parseAbsentList(text: string): { name: string; reason: string | null }[] {
  return text
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^(.+?)\s*[（(](.*)[）)]$/.exec(s) ?? /^(.+?)\s*[:：]\s*(.+)$/.exec(s);
      return m ? { name: m[1]!.trim(), reason: m[2]!.trim() || null } : { name: s, reason: null };
    });
}

/** Names with reasons → the text parseAbsentList reads back. */
export function formatAbsentList(list: readonly { name: string; reason: string | null }[]): string {
  return list.map((a) => (a.reason ? `${a.name}（${a.reason}）` : a.name)).join('、');
}
