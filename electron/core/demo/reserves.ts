/**
 * 村级后备力量 of the demo county: 2–4 per village, mostly 25–40, from the sources of the code table,
 * in every stage; about a fifth have entered the 两委. Reserves who are party members are the
 * members themselves (member_id), some others are in the 发展党员 pipeline (dev_person_id): those
 * keep no copy of the person. Stages, measures, rotations, mentors and assessments are dated records.
 */
import { demoId } from './ids.js';
import type { CountyTree, Unit } from './county.js';
import { drawEducation, type Identities, type MemberRow, type PeopleResult } from './people.js';
import type { DevPersonRow } from './pipeline.js';
import { ETHNIC_MIX, MAJORS, RESERVE_POSTS } from './places.js';
import type { Rng} from './rng.js';
import { dayOf, isoOf, Weighted } from './rng.js';

export interface ReserveRow {
  id: string;
  idNumber: string;
  name: string | null;
  gender: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  education: string | null;
  major: string | null;
  politicalStatus: string | null;
  villageOrgId: string;
  source: string;
  currentPost: string | null;
  direction: 'secretary' | 'director' | 'member';
  mentor: string | null;
  stage: 'recommended' | 'assessed' | 'training' | 'entered' | 'exited';
  enteredPoolOn: string | null;
  assessment: string | null;
  exitKind: 'entered-committee' | 'adjusted' | null;
  exitOn: string | null;
  exitPost: string | null;
  exitReason: string | null;
  devPersonId: string | null;
  memberId: string | null;
}

export interface ReserveRecordRow {
  id: string;
  reserveId: string;
  kind: string;
  stage: string | null;
  onDate: string;
  content: string | null;
  post: string | null;
  reason: string | null;
}

const SOURCE = new Weighted<string>([['01', 20], ['02', 20], ['03', 12], ['04', 20], ['05', 10], ['06', 5], ['99', 13]]);
const STAGE = new Weighted<ReserveRow['stage']>([['recommended', 12], ['assessed', 14], ['training', 50], ['entered', 20], ['exited', 4]]);
const RESERVE_AGE = new Weighted<readonly [number, number]>([[[23, 30], 30], [[31, 35], 30], [[36, 40], 30], [[41, 45], 10]]);
const EXIT_POSTS = ['村党支部委员', '村民委员会委员', '村党支部副书记', '村民委员会副主任', '村务监督委员会主任', '村党支部书记'];
const EXIT_REASONS = ['年龄超过培养期限', '外出务工，无法参加培养', '考察不合格', '考录为公务员', '本人申请退出'];

export function generateReserves(rng: Rng, tree: CountyTree, ids: Identities, people: PeopleResult, pipeline: DevPersonRow[]): { reserves: ReserveRow[]; records: ReserveRecordRow[] } {
  const todayDay = ids.todayDay;
  const reserves: ReserveRow[] = [];
  const records: ReserveRecordRow[] = [];
  const devByUnit = new Map<Unit, DevPersonRow[]>();
  for (const p of pipeline) {
    if (p.memberId || p.stage === 'stopped' || p.org.unit?.kind !== 'village') continue;
    const list = devByUnit.get(p.org.unit) ?? [];
    list.push(p);
    devByUnit.set(p.org.unit, list);
  }
  const usedMembers = new Set<string>();
  const usedDev = new Set<string>();

  for (const v of tree.villages) {
    const count = rng.int(2, 4);
    const noSecretaryLine = rng.chance(0.25);
    const members: MemberRow[] = v.branches.flatMap((b) => people.byBranch.get(b.id) ?? []);
    const mentorOrg = v.top;
    const mentor = members.find((m) => m.id === mentorOrg.secretaryMemberId)?.name ?? null;
    const devs = devByUnit.get(v) ?? [];
    for (let i = 0; i < count; i++) {
      const [lo, hi] = RESERVE_AGE.draw(rng);
      const age = rng.int(lo, hi);
      let status = rng.weighted([['01', 45], ['02', 5], ['03', 25], ['13', 25]] as const) as string;
      let who: { name: string; idNumber: string; gender: string; birthDate: string; ethnicity: string; education: string } | null = null;
      let devPersonId: string | null = null;
      let memberId: string | null = null;
      if (status === '01' || status === '02') {
        const want = status === '01' ? 'formal' : 'probationary';
        const cands = members.filter((m) => m.category === want && m.age >= 23 && m.age <= 45 && !usedMembers.has(m.id));
        const m = cands.length > 0 ? rng.pick(cands) : null;
        if (m) {
          usedMembers.add(m.id);
          memberId = m.id;
          who = m;
        } else status = '03';
      } else if (rng.chance(0.35)) {
        const cands = devs.filter((d) => !usedDev.has(d.id));
        const d = cands.length > 0 ? rng.pick(cands) : null;
        if (d) {
          usedDev.add(d.id);
          devPersonId = d.id;
          who = d;
        }
      }
      if (!who) {
        const eth = ETHNIC_MIX[v.top.ethnic].draw(rng);
        const id = ids.make(rng, eth, ids.birthDayForAge(rng, age), rng.chance(0.3) ? '2' : '1');
        who = { ...id, education: drawEducation(rng, 'community', Math.min(age, 34)).education };
        if (status === '01' || status === '02') status = '13';
      }
      const stage = STAGE.draw(rng);
      const direction: ReserveRow['direction'] = noSecretaryLine
        ? rng.chance(0.35) ? 'director' : 'member'
        : rng.weighted([['secretary', 30], ['director', 20], ['member', 50]] as const);
      const post = rng.pick(RESERVE_POSTS);
      const pooled = stage === 'training' || stage === 'entered' || stage === 'exited' ? todayDay - rng.int(60, 1500) : null;
      const linked = memberId !== null || devPersonId !== null;
      const r: ReserveRow = {
        id: demoId(),
        idNumber: who.idNumber,
        name: linked ? null : who.name,
        gender: linked ? null : who.gender,
        birthDate: linked ? null : who.birthDate,
        ethnicity: linked ? null : who.ethnicity,
        education: linked ? null : who.education,
        major: ['10', '11', '14', '21', '31'].includes(who.education) ? rng.pick(MAJORS) : null,
        politicalStatus: memberId ? null : status,
        villageOrgId: v.top.id,
        source: SOURCE.draw(rng),
        currentPost: post === '无' ? null : post,
        direction,
        mentor,
        stage,
        enteredPoolOn: pooled === null ? null : isoOf(pooled),
        assessment: stage === 'recommended' ? null : `考察等次：${rng.pick(['优秀', '良好', '良好', '合格'])}。${rng.pick(['群众基础好，工作积极主动', '带富能力较强，热心公益', '学历较高，熟悉电子政务', '政治立场坚定，作风踏实'])}。`,
        exitKind: null,
        exitOn: null,
        exitPost: null,
        exitReason: null,
        devPersonId,
        memberId,
      };
      if (stage === 'entered' && pooled !== null) {
        r.exitKind = 'entered-committee';
        r.exitOn = isoOf(Math.min(todayDay - 1, pooled + rng.int(120, 900)));
        r.exitPost = direction === 'secretary' && rng.chance(0.4) ? '村党支部书记' : rng.pick(EXIT_POSTS.slice(0, 5));
      } else if (stage === 'exited' && pooled !== null) {
        r.exitKind = 'adjusted';
        r.exitOn = isoOf(Math.min(todayDay - 1, pooled + rng.int(90, 700)));
        r.exitReason = rng.pick(EXIT_REASONS);
      }
      reserves.push(r);
      const record = (kind: string, day: number, fields: Partial<ReserveRecordRow>) =>
        records.push({ id: demoId(), reserveId: r.id, kind, stage: null, onDate: isoOf(day), content: null, post: null, reason: null, ...fields });
      // Stage dates: 推荐 and 考察 some months before 入库 (or before today for those not yet pooled).
      const assessedDay = pooled === null ? todayDay - rng.int(20, 200) : pooled - rng.int(20, 90);
      const recommendedDay = assessedDay - rng.int(10, 60);
      const reached = ['recommended', 'assessed', 'training', 'entered', 'exited'].indexOf(stage);
      const finalStage = stage === 'entered' || stage === 'exited' ? stage : null;
      record('stage', recommendedDay, { stage: 'recommended' });
      if (reached >= 1) record('stage', assessedDay, { stage: 'assessed' });
      if (pooled !== null) record('stage', pooled, { stage: 'training' });
      if (finalStage && r.exitOn) record('stage', dayOf(r.exitOn), { stage: finalStage, post: r.exitPost, reason: r.exitReason });
      if (mentor) record('mentor', recommendedDay, { content: mentor });
      if (r.assessment) record('assessment', assessedDay, { content: r.assessment });
      if (pooled !== null) {
        const n = rng.int(1, 3);
        for (let k = 0; k < n; k++) {
          const kind = rng.pick(['measure', 'rotation'] as const);
          const day = Math.min(todayDay - 1, pooled + rng.int(10, 400));
          const content = kind === 'measure' ? rng.pick(['参加乡镇后备干部集中培训3天', '参加县级乡村振兴专题培训班', '跟班学习村级事务管理']) : rng.pick(['到便民服务站跟岗锻炼三个月', '参与村级网格化服务管理', '协助开展人居环境整治']);
          record(kind, day, { content, post: kind === 'rotation' ? rng.pick(['便民服务代办员', '网格员', '村务助理']) : null });
        }
      }
    }
  }
  return { reserves, records };
}
