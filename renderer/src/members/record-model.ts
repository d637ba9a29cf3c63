/**
 * What the member record page and the printed 一人一档 show, built once from member.record: every
 * field of DOMAIN.md §3 with its code names, the derived 年龄 / 党龄 / 光荣在党50年, and the history
 * as lines of a timeline (events in order, 更正 records as their own kind).
 */
import type { MemberEvent, MemberRecord } from '../../../shared/types/records.js';
import { memberAges, partyAgeText } from '../../../shared/domain/member-derived.js';
import { MEMBER_STATUS_NAMES, type MemberStatus } from '../../../shared/domain/member-history.js';
import { MEMBER_EVENT_NAMES } from '../../../shared/audit/labels.js';
import { CATEGORY_NAMES, EDUCATION_NAMES, ETHNICITY_NAMES, GENDER_NAMES, JOB_CATEGORY_NAMES, display } from '../codes/code-names.js';

export interface InfoRow {
  label: string;
  value: string;
  /** Set by dated events only: the page links these to the event dialog. */
  history?: boolean;
  testId?: string;
}

export interface InfoSection {
  title: string;
  rows: InfoRow[];
}

export interface TimelineLine {
  id: string;
  date: string;
  what: string;
  org: string;
  detail: string;
  corrected: boolean;
  event: MemberEvent;
}

const yesNo = (b: boolean) => (b ? '是' : '否');
const or = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export function statusName(r: MemberRecord): string {
  return MEMBER_STATUS_NAMES[r.state.status as MemberStatus] ?? r.state.status;
}

export function infoSections(r: MemberRecord): InfoSection[] {
  const m = r.member;
  const ages = memberAges(m, r.today);
  const adjust = m.partyAgeAdjustMonths ? `（含党龄校正${m.partyAgeAdjustMonths > 0 ? '+' : ''}${m.partyAgeAdjustMonths}个月）` : '';
  const probation = r.state.probationEnds ? `预备期至${r.state.probationEnds}${r.state.extensionMonths ? `（已延长${r.state.extensionMonths}个月）` : ''}` : null;
  return [
    {
      title: '基本信息',
      rows: [
        { label: '姓名', value: m.name, testId: 'record-name' },
        { label: '性别', value: or(display(GENDER_NAMES, m.gender)) },
        { label: '民族', value: or(display(ETHNICITY_NAMES, m.ethnicity)) },
        { label: '出生日期', value: or(m.birthDate) },
        { label: '年龄', value: ages.age === null ? '—' : `${ages.age}岁`, testId: 'record-age' },
        { label: '公民身份号码', value: m.idNumber },
        { label: '籍贯', value: or(m.nativePlace) },
        { label: '学历', value: or(display(EDUCATION_NAMES, m.education)) },
        { label: '学位', value: or(m.degree) },
        { label: '联系电话', value: or(m.phone) },
        { label: '户籍所在地', value: or(m.householdReg) },
        { label: '现居住地', value: or(m.residence) },
      ],
    },
    {
      title: '党籍',
      rows: [
        { label: '人员类别', value: CATEGORY_NAMES[m.category], history: true, testId: 'record-category' },
        { label: '党籍状态', value: statusName(r) + (m.leftOn && m.status === 'left' ? `（${m.leftOn}）` : ''), history: true, testId: 'record-status' },
        { label: '入党日期', value: or(m.joinedOn), history: true },
        { label: '转正日期', value: or(m.confirmedOn) + (probation ? ` ${probation}` : ''), history: true },
        { label: '党龄', value: ages.partyMonths === null ? '—（尚未转正）' : `${partyAgeText(ages.partyMonths)}${adjust}`, testId: 'record-party-age' },
        { label: '光荣在党50年', value: ages.fiftyYears ? '符合（党龄满50年）' : '不符合', testId: 'record-fifty' },
        { label: '所在党支部', value: r.orgPath.map((o) => o.name).join(' › '), history: true, testId: 'record-org' },
        { label: '党内职务', value: or(m.partyPost) },
        { label: '党龄校正值', value: m.partyAgeAdjustMonths ? `${m.partyAgeAdjustMonths}个月` : '—' },
      ],
    },
    {
      title: '工作与岗位',
      rows: [
        { label: '工作岗位', value: or(display(JOB_CATEGORY_NAMES, m.jobCategory)) },
        { label: '工作单位及职务', value: or(m.employerPost) },
        { label: '专业技术职务', value: or(m.techTitle) },
        { label: '新社会阶层类型', value: or(m.newStratum) },
        { label: '是否农民工', value: yesNo(m.migrantWorker) },
        { label: '设岗定责岗位', value: or(m.dutyPost) },
        { label: '党员示范户', value: yesNo(m.modelHousehold) },
        { label: '困难党员', value: yesNo(m.hardship) },
      ],
    },
    {
      title: '网格、流动与联系',
      rows: [
        { label: '所在网格', value: r.gridPath.length ? r.gridPath.join(' › ') : '—', testId: 'record-grid' },
        { label: '流动党员', value: m.mobile ? `是（${or(m.mobileSince)}起，外出地点：${or(m.mobilePlace)}）` : '否', history: true },
        { label: '失联党员', value: m.lostContact ? `是（${or(m.lostSince)}起${m.lostCircumstance ? `，${m.lostCircumstance}` : ''}）` : '否', history: true },
      ],
    },
  ];
}

interface CorrectionData {
  reason: string;
  target: 'event' | 'opening';
  before: unknown;
  after: unknown;
}

type Image = { kind: string; onDate: string; otherParty?: string | null; note?: string | null; joinedOn?: string; months?: number };
const imageText = (x: Image) => `${x.onDate} ${MEMBER_EVENT_NAMES[x.kind] ?? x.kind}${x.joinedOn ? `（入党日期${x.joinedOn}）` : ''}${x.months ? `（${x.months}个月）` : ''}${x.otherParty ? `（${x.otherParty}）` : ''}`;
const openingText = (x: { category?: string; joinedOn?: string | null; confirmedOn?: string | null }) =>
  `${x.category ? CATEGORY_NAMES[x.category as 'formal'] ?? x.category : ''}，入党日期${or(x.joinedOn)}，转正日期${or(x.confirmedOn)}`;

/** A 更正 record in words: what was mended, from what to what, and why. */
export function correctionText(d: CorrectionData): string {
  const images = (v: unknown) => (Array.isArray(v) ? (v as Image[]).map(imageText).join('、') : '');
  const change = d.target === 'opening'
    ? `建档信息由“${openingText(d.before as object)}”改为“${openingText(d.after as object)}”`
    : d.after === null ? `删除错录的“${images(d.before)}”` : `“${images(d.before)}”改为“${images(d.after)}”`;
  return `${change}。原因：${d.reason}`;
}

/** What an event says beyond its kind and date. */
function eventDetail(e: MemberEvent): string {
  const d = (e.data ?? {}) as { joinedOn?: string; months?: number; outsideCounty?: boolean };
  const parts: string[] = [];
  switch (e.kind) {
    case 'admitted':
      if (d.joinedOn && d.joinedOn !== e.onDate) parts.push(`党委审批；入党日期（支部大会）${d.joinedOn}`);
      break;
    case 'probation-extended':
      if (d.months) parts.push(`延长${d.months}个月`);
      break;
    case 'transfer-in':
      if (e.otherParty) parts.push(`自${e.otherParty}转入${d.outsideCounty ? '（县外）' : ''}`);
      break;
    case 'transfer-out':
      if (e.otherParty) parts.push(`转往${e.otherParty}${d.outsideCounty ? '（县外）' : ''}`);
      break;
    case 'mobile':
      if (e.otherParty) parts.push(`外出地点：${e.otherParty}`);
      break;
    default:
      if (e.otherParty) parts.push(e.otherParty);
  }
  if (e.note) parts.push(e.note);
  return parts.join('；');
}

export function timeline(r: MemberRecord): TimelineLine[] {
  return r.events.map((e) => {
    const corrected = e.kind === 'corrected';
    return {
      id: e.id,
      date: corrected ? e.createdAt.slice(0, 10) : e.onDate,
      what: corrected ? '更正（管理员）' : (MEMBER_EVENT_NAMES[e.kind] ?? e.kind),
      org: e.orgId ? (r.orgNames[e.orgId] ?? '') : '',
      detail: corrected ? correctionText(e.data as unknown as CorrectionData) : eventDetail(e),
      corrected,
      event: e,
    };
  });
}

/** A record whose history began before the ledger: what it started from (shown above the events). */
export function openingLine(r: MemberRecord): string | null {
  if (r.opening.status === 'none') return null;
  return `建档时：${MEMBER_STATUS_NAMES[r.opening.status as MemberStatus] ?? r.opening.status}，入党日期${or(r.opening.joinedOn)}，转正日期${or(r.opening.confirmedOn)}（此前的经历未在台账中登记）`;
}
