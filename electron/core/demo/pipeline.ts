/**
 * 发展党员 pipeline of the demo county: people in every stage with dated steps that follow the
 * 2014 细则 (DOMAIN.md §4), and a deliberate handful breaching R2 (late talk), R4 (发展对象 less than
 * a year after 积极分子) and R11 (党委审批 more than 3 months after the branch meeting) so the rule
 * checks have something to find. Probationary people are the probationary members themselves.
 */
import { demoId } from './ids.js';
import type { CountyTree, OrgNode } from './county.js';
import { drawEducation, drawJob, type Identities, mobilePhone, type MemberRow, type PeopleResult } from './people.js';
import { ETHNIC_MIX } from './places.js';
import type { Rng} from './rng.js';
import { dayOf, isoOf, plusYears, Weighted } from './rng.js';

export interface DevPersonRow {
  id: string;
  idNumber: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  jobCategory: string;
  phone: string | null;
  employer: string | null;
  orgId: string;
  stage: 'applicant' | 'activist' | 'candidate' | 'probationary' | 'formal' | 'stopped';
  memberId: string | null;
  // generator's own
  org: OrgNode;
}

export interface DevStepRow {
  id: string;
  personId: string;
  step: string;
  onDate: string;
  data: string | null;
}

export interface PipelineResult {
  people: DevPersonRow[];
  steps: DevStepRow[];
  breaches: { R2: number; R4: number; R11: number };
}

/** The first organisation up the tree that may approve new members (a 基层党委 with 审批权限). */
export function approverOf(o: OrgNode): OrgNode {
  let n = o.parent;
  while (n && n.canApprove !== 1) n = n.parent;
  return n ?? o;
}

const APPLICANT_AGE = new Weighted<readonly [number, number]>([[[19, 25], 35], [[26, 30], 25], [[31, 35], 20], [[36, 45], 15], [[46, 55], 5]]);

export function generatePipeline(rng: Rng, tree: CountyTree, ids: Identities, people: PeopleResult, activeCount: number): PipelineResult {
  const todayDay = ids.todayDay;
  const persons: DevPersonRow[] = [];
  const steps: DevStepRow[] = [];
  const breaches = { R2: 0, R4: 0, R11: 0 };

  const formalOf = new Map<string, MemberRow[]>();
  const formalIn = (o: OrgNode): MemberRow[] => {
    let l = formalOf.get(o.id);
    if (!l) {
      l = (people.byBranch.get(o.id) ?? []).filter((m) => m.category === 'formal' && m.status === 'active');
      formalOf.set(o.id, l);
    }
    return l;
  };

  const add = (personId: string, step: string, day: number, data?: Record<string, unknown>): void => {
    if (day > todayDay) return;
    steps.push({ id: demoId(), personId, step, onDate: isoOf(day), data: data ? JSON.stringify(data) : null });
  };
  // The county's 正式党员 by 转正日期: introducers for a branch that had none formal then (R5).
  const veterans = people.members.filter((m) => m.category === 'formal' && m.status === 'active' && m.confirmedOn !== null).sort((a, b) => (a.confirmedOn! < b.confirmedOn! ? -1 : 1));
  /** A 正式党员 of the branch (formal before `onDay` when given; else of the county), not `not`. */
  const someone = (o: OrgNode, not?: string, onDay?: number): MemberRow | null => {
    const before = onDay === undefined ? null : isoOf(onDay);
    const l = formalIn(o).filter((m) => m.id !== not && (before === null || (m.confirmedOn !== null && m.confirmedOn < before)));
    if (l.length > 0) return rng.pick(l);
    if (before === null) return null;
    // How many were formal before the date (binary search: the list is sorted).
    let k = 0;
    let hi = veterans.length;
    while (k < hi) {
      const mid = (k + hi) >> 1;
      if (veterans[mid]!.confirmedOn! < before) k = mid + 1;
      else hi = mid;
    }
    for (let tries = 0; tries < 5 && k > 0; tries++) {
      const m = veterans[rng.int(0, k - 1)]!;
      if (m.id !== not) return m;
    }
    return null;
  };
  const ref = (m: MemberRow | null) => (m ? { name: m.name, memberId: m.id, formalSince: m.confirmedOn } : null);

  /** applied → talked → activist (+ filing, 半年考察 until `activistEnd`). Returns the activist day. */
  const early = (p: DevPersonRow, appliedDay: number, activistDay: number | null, activistEnd: number, lateTalk: boolean): void => {
    add(p.id, 'applied', appliedDay);
    const talker = someone(p.org);
    add(p.id, 'talked', appliedDay + (lateTalk ? rng.int(35, 90) : rng.int(5, 28)), { talker: talker?.name ?? null });
    if (activistDay === null) return;
    const first = someone(p.org, p.memberId ?? undefined);
    const contacts = [ref(first), ref(someone(p.org, first?.id))].filter(Boolean);
    add(p.id, 'activist', activistDay, { contacts });
    add(p.id, 'activist-filed', activistDay + rng.int(3, 20));
    for (let d = activistDay + rng.int(150, 178); d < activistEnd && d <= todayDay; d += rng.int(150, 178)) {
      add(p.id, 'activist-review', d, { result: rng.chance(0.9) ? '合格' : '良好' });
    }
  };

  /** 发展对象 onwards up to (not including) the branch meeting. */
  const candidateSteps = (p: DevPersonRow, candidateDay: number, meetingDay: number | null): void => {
    add(p.id, 'candidate', candidateDay);
    add(p.id, 'candidate-filed', candidateDay + rng.int(3, 15));
    const on = Math.min(todayDay, candidateDay + rng.int(5, 20));
    // 正式党员 already on the day they become 发展对象 (R5 judges them on that date).
    const a = someone(p.org, p.memberId ?? undefined, candidateDay);
    const b = someone(p.org, a?.id, candidateDay);
    add(p.id, 'introducers', on, { introducers: [ref(a), ref(b)].filter(Boolean) });
    const limit = meetingDay ?? todayDay;
    // 政审, 集中培训, 支委会审查, 预审 spaced backwards from the meeting (or forwards for those still waiting).
    if (meetingDay !== null) {
      const preReview = meetingDay - rng.int(10, 30);
      const committeeReview = preReview - rng.int(3, 10);
      const days = rng.int(3, 5);
      const trainingTo = committeeReview - rng.int(3, 40);
      const trainingFrom = trainingTo - days + 1;
      const review = trainingFrom - rng.int(5, 40);
      add(p.id, 'political-review', Math.max(candidateDay + 20, review), { conclusion: '合格', passed: true });
      add(p.id, 'training', trainingTo, { from: isoOf(trainingFrom), to: isoOf(trainingTo), days, hours: days * 8 });
      add(p.id, 'committee-review', committeeReview);
      add(p.id, 'pre-review', preReview, { by: approverOf(p.org).shortName });
      add(p.id, 'volunteer-form', meetingDay - rng.int(2, 9));
    } else {
      const review = candidateDay + rng.int(30, 120);
      if (review < limit && rng.chance(0.6)) add(p.id, 'political-review', review, { conclusion: '合格', passed: true });
      const trainingFrom = candidateDay + rng.int(40, 200);
      const days = rng.int(3, 5);
      if (trainingFrom + days < limit && rng.chance(0.5)) add(p.id, 'training', trainingFrom + days - 1, { from: isoOf(trainingFrom), to: isoOf(trainingFrom + days - 1), days, hours: days * 8 });
    }
  };

  /** Branch meeting, 党委谈话, the approval (the member's 发展 event is dated by it), oath. */
  const admission = (p: DevPersonRow, meetingDay: number, approval: number): void => {
    const due = Math.max(3, formalIn(p.org).length);
    const present = Math.max(Math.floor(due / 2) + 1, due - rng.int(0, Math.floor(due * 0.15)));
    const yes = Math.max(Math.floor(due / 2) + 1, present - (rng.chance(0.1) ? 1 : 0));
    add(p.id, 'branch-meeting', meetingDay, { due, present, yes: Math.min(yes, present) });
    const approver = approverOf(p.org);
    if (approval - meetingDay >= 2) add(p.id, 'committee-talk', Math.max(meetingDay + 1, approval - rng.int(1, 7)), { talker: approver.shortName });
    add(p.id, 'approved', approval, { approvingOrgId: approver.id, approvingOrgName: approver.name });
    add(p.id, 'oath', approval + rng.int(3, 40));
  };

  // ---- every member admitted in the last ten years: the full record, ending on their 发展 event ----
  const fromMember = (m: MemberRow): void => {
    const cancelled = m.leftReason === 'probation-cancelled';
    const stage = cancelled ? 'stopped' : m.confirmedOn ? 'formal' : 'probationary';
    // Where they joined: a move inside the county since does not move their 发展.
    const p: DevPersonRow = {
      id: demoId(), idNumber: m.idNumber, name: m.name, gender: m.gender, ethnicity: m.ethnicity, birthDate: m.birthDate,
      education: m.education, jobCategory: m.jobCategory, phone: m.phone, employer: m.employerPost, orgId: m.joinOrg.id, stage,
      memberId: m.id, org: m.joinOrg,
    };
    persons.push(p);
    const meeting = dayOf(m.joinedOn);
    const candidate = meeting - rng.int(120, 330);
    const activist = candidate - rng.int(366, 600);
    const applied = Math.max(dayOf(plusYears(m.birthDate, 18)) + rng.int(0, 30), activist - rng.int(183, 420));
    early(p, applied, activist, candidate, false);
    candidateSteps(p, candidate, meeting);
    if (m.lateApproval) breaches.R11++;
    admission(p, meeting, dayOf(m.approvedOn!));
    if (m.probationExtended) {
      // Decided by the branch meeting at expiry, approved by the 党委 (R13: once, 6–12 months).
      add(p.id, 'probation-extended', dayOf(plusYears(m.joinedOn, 1)) + rng.int(0, 10), { months: 12, reason: '预备期间表现未达到党员条件' });
    }
    if (cancelled) add(p.id, 'cancelled', dayOf(m.leftOn!), { reason: '预备期间不履行党员义务，取消预备党员资格' });
    if (stage === 'formal' && m.confirmedOn) {
      const expiry = dayOf(m.confirmedOn);
      add(p.id, 'confirm-applied', expiry - rng.int(5, 25));
      const meet = expiry + rng.int(0, 15);
      const due = Math.max(3, formalIn(p.org).length);
      add(p.id, 'confirm-meeting', meet, { due, present: Math.max(Math.floor(due / 2) + 1, due - rng.int(0, Math.floor(due * 0.15))), yes: Math.max(Math.floor(due / 2) + 1, due - rng.int(0, Math.floor(due * 0.15))) });
      add(p.id, 'confirmed', Math.min(todayDay, meet + rng.int(5, 60)), { confirmedOn: m.confirmedOn, approvingOrgName: approverOf(p.org).name });
    }
  };
  for (const m of people.members) if (m.approvedOn !== null) fromMember(m);

  // ---- people still on the way: applicants, activists, 发展对象, a few stopped ----
  const branches = tree.branches.filter((o) => o.profile !== 'retired' && o.size > 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const o of branches) cumulative.push((acc += o.size));
  const pickBranch = (): OrgNode => {
    const x = rng.int(0, acc - 1);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return branches[lo] as OrgNode;
  };
  const newPerson = (stage: DevPersonRow['stage'], appliedDay: number): DevPersonRow => {
    const o = pickBranch();
    const [lo, hi] = APPLICANT_AGE.draw(rng);
    let age = rng.int(lo, hi);
    const eth = ETHNIC_MIX[o.ethnic].draw(rng);
    let birth = ids.birthDayForAge(rng, age);
    // At least 18 on the application day (R1).
    const latestBirth = dayOf(plusYears(isoOf(appliedDay), -18));
    if (birth > latestBirth) {
      birth = latestBirth - rng.int(30, 900);
      age = Math.floor((todayDay - birth) / 365.25);
    }
    const who = ids.make(rng, eth, birth, rng.chance(o.profile === 'village' ? 0.35 : 0.5) ? '2' : '1');
    const prof = o.profile ?? 'community';
    const p: DevPersonRow = {
      id: demoId(), idNumber: who.idNumber, name: who.name, gender: who.gender, ethnicity: who.ethnicity, birthDate: who.birthDate,
      education: drawEducation(rng, prof, age).education, jobCategory: drawJob(rng, prof === 'retired' ? 'community' : prof, age),
      phone: mobilePhone(rng), employer: o.employer.split('、')[0] ?? null, orgId: o.id, stage, memberId: null, org: o,
    };
    persons.push(p);
    return p;
  };

  const applicants = Math.round(activeCount * 0.025);
  const r2 = Math.max(3, Math.round(applicants * 0.03));
  for (let i = 0; i < applicants; i++) {
    const late = i < r2;
    const applied = todayDay - (late ? rng.int(60, 360) : rng.int(3, 360));
    const p = newPerson('applicant', applied);
    if (late) {
      // R2: talk after more than a month, or none at all yet.
      breaches.R2++;
      add(p.id, 'applied', applied);
      if (rng.chance(0.5)) add(p.id, 'talked', applied + rng.int(35, 55), { talker: someone(p.org)?.name ?? null });
      continue;
    }
    if (applied > todayDay - 25 && rng.chance(0.5)) add(p.id, 'applied', applied); // talk still to come (not overdue)
    else early(p, applied, null, todayDay, false);
  }
  const activists = Math.round(activeCount * 0.02);
  for (let i = 0; i < activists; i++) {
    const activist = todayDay - rng.int(5, 720);
    const applied = activist - rng.int(183, 420);
    const p = newPerson('activist', applied);
    early(p, applied, activist, todayDay + 1, false);
  }
  const candidates = Math.round(activeCount * 0.008);
  const r4 = Math.max(3, Math.round(candidates * 0.04));
  for (let i = 0; i < candidates; i++) {
    const candidate = todayDay - rng.int(5, 330);
    const short = i < r4;
    const activist = candidate - (short ? rng.int(200, 330) : rng.int(366, 600));
    if (short) breaches.R4++;
    const applied = activist - rng.int(183, 420);
    const p = newPerson('candidate', applied);
    early(p, applied, activist, candidate, false);
    candidateSteps(p, candidate, null);
  }
  const stopped = Math.max(2, Math.round(activeCount * 0.0005));
  for (let i = 0; i < stopped; i++) {
    const activist = todayDay - rng.int(200, 900);
    const applied = activist - rng.int(183, 420);
    const p = newPerson('stopped', applied);
    const end = Math.min(todayDay - 1, activist + rng.int(90, 400));
    early(p, applied, activist, end, false);
    add(p.id, 'cancelled', end, { reason: rng.pick(['本人申请终止培养', '考察期间表现不合格', '外出务工长期失联']) });
  }
  return { people: persons, steps, breaches };
}
