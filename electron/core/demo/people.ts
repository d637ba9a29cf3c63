/**
 * People of the demo county: identities (name, sex, birth date, a valid ID number that agrees with
 * both), and party members with their codes, dates, posts and dated events.
 */
import { makeIdNumber } from '../../../shared/domain/idcard.js';
import { demoId } from './ids.js';
import type { CountyTree, OrgNode, PeopleProfile } from './county.js';
import { nameFor } from './names.js';
import {
  BIRTH_REGIONS_HAN, BIRTH_REGIONS_MINORITY, DUTY_POSTS, ETHNIC_MIX, LOST_CIRCUMSTANCES, MOBILE_PLACES, nativePlaceOf,
  outsideOrg, type EthnicProfile,
} from './places.js';
import type { Rng} from './rng.js';
import { dayOf, isoOf, plusYears, Weighted } from './rng.js';

// ---- identities -------------------------------------------------------------------------------

export interface Identity {
  name: string;
  gender: '1' | '2';
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  region: string;
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '177', '178', '180', '181', '182', '183', '186', '187', '188', '189', '191', '199'];

/** Every person of the county gets a distinct ID number (member, applicant, reserve, cadre). */
export class Identities {
  private readonly used = new Set<string>();
  readonly todayDay: number;

  constructor(readonly today: string) {
    this.todayDay = dayOf(today);
  }

  /** A person born on `birthDay` (day number) of the given ethnicity; sex drawn unless given. */
  make(rng: Rng, ethnicity: string, birthDay: number, gender?: '1' | '2', region?: string): Identity {
    const g = gender ?? (rng.chance(0.5) ? '1' : '2');
    const reg = region ?? (ethnicity === '01' || ethnicity === '11' ? BIRTH_REGIONS_HAN : BIRTH_REGIONS_MINORITY).draw(rng);
    let day = birthDay;
    for (;;) {
      const birthDate = isoOf(day);
      const ymd = birthDate.replaceAll('-', '');
      for (let tries = 0; tries < 24; tries++) {
        const seq = rng.int(0, 499) * 2 + (g === '1' ? 1 : 0);
        const key = `${reg}${ymd}${seq}`;
        if (this.used.has(key)) continue;
        this.used.add(key);
        return { name: nameFor(rng, ethnicity, g, Number(birthDate.slice(0, 4))), gender: g, ethnicity, birthDate, idNumber: makeIdNumber(reg, ymd, seq), region: reg };
      }
      day += 1;
    }
  }

  /** Reserves an existing ID number (a reserve or cadre who is already in the members table). */
  claim(idNumber: string): void {
    this.used.add(`${idNumber.slice(0, 6)}${idNumber.slice(6, 14)}${Number(idNumber.slice(14, 17))}`);
  }

  /** Birth day for an age in whole years on today, uniformly within that year of age. */
  birthDayForAge(rng: Rng, age: number): number {
    const latest = dayOf(plusYears(this.today, -age)); // turned `age` today
    const earliest = dayOf(plusYears(this.today, -age - 1)) + 1;
    return rng.int(earliest, latest);
  }
}

export function mobilePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

// ---- profiles ---------------------------------------------------------------------------------

type Bands = Weighted<readonly [number, number]>;
const bands = (b: readonly (readonly [number, number, number])[]): Bands => new Weighted(b.map(([lo, hi, w]) => [[lo, hi] as const, w] as const));

const AGE: Record<'village' | 'community' | 'working' | 'army' | 'retired' | 'private' | 'social', Bands> = {
  village: bands([[20, 30, 7], [31, 40, 13], [41, 50, 18], [51, 60, 22], [61, 70, 21], [71, 80, 13], [81, 95, 6]]),
  community: bands([[20, 30, 5], [31, 40, 9], [41, 50, 12], [51, 60, 16], [61, 70, 27], [71, 80, 21], [81, 95, 10]]),
  working: bands([[22, 30, 20], [31, 40, 30], [41, 50, 27], [51, 59, 23]]),
  army: bands([[22, 30, 35], [31, 40, 40], [41, 55, 25]]),
  retired: bands([[58, 70, 45], [71, 80, 35], [81, 95, 20]]),
  private: bands([[20, 30, 25], [31, 40, 35], [41, 50, 25], [51, 60, 15]]),
  social: bands([[22, 30, 20], [31, 40, 30], [41, 50, 25], [51, 65, 25]]),
};

function ageBandsOf(p: PeopleProfile): Bands {
  switch (p) {
    case 'village': return AGE.village;
    case 'community': return AGE.community;
    case 'army': return AGE.army;
    case 'retired': return AGE.retired;
    case 'private': case 'soe': return AGE.private;
    case 'social': return AGE.social;
    default: return AGE.working;
  }
}

const FEMALE_SHARE: Record<PeopleProfile, number> = {
  village: 0.22, community: 0.45, organ: 0.36, police: 0.16, court: 0.42, army: 0.1, retired: 0.3, institution: 0.48,
  school: 0.62, hospital: 0.66, soe: 0.3, private: 0.3, social: 0.48, 'township-organ': 0.34,
};

type EduClass = 'low' | 'mid' | 'high';
const eduClass = (p: PeopleProfile): EduClass =>
  p === 'village' ? 'low' : p === 'community' || p === 'private' || p === 'social' || p === 'soe' || p === 'retired' ? 'mid' : 'high';

const b = (pairs: readonly (readonly [number, number])[]): Weighted<number> => new Weighted(pairs);
// Party-statistics buckets 1 研究生 … 6 初中及以下, by class and age.
const EDU_BUCKETS: Record<EduClass, readonly (readonly [number, Weighted<number>])[]> = {
  low: [
    [70, b([[6, 80], [5, 14], [4, 4], [3, 2]])],
    [50, b([[6, 62], [5, 24], [4, 7], [3, 5], [2, 2]])],
    [35, b([[6, 40], [5, 25], [4, 12], [3, 15], [2, 8]])],
    [0, b([[6, 14], [5, 20], [4, 14], [3, 31], [2, 21]])],
  ],
  mid: [
    [70, b([[6, 50], [5, 25], [4, 12], [3, 8], [2, 5]])],
    [50, b([[6, 30], [5, 30], [4, 15], [3, 15], [2, 10]])],
    [35, b([[6, 12], [5, 18], [4, 15], [3, 30], [2, 23], [1, 2]])],
    [0, b([[6, 4], [5, 8], [4, 10], [3, 38], [2, 37], [1, 3]])],
  ],
  high: [
    [70, b([[6, 15], [5, 20], [4, 20], [3, 30], [2, 15]])],
    [50, b([[6, 2], [5, 8], [4, 10], [3, 35], [2, 42], [1, 3]])],
    [35, b([[5, 2], [4, 5], [3, 25], [2, 60], [1, 8]])],
    [0, b([[4, 2], [3, 15], [2, 70], [1, 13]])],
  ],
};

/** An education code (GB/T 4658) for the bucket; the oldest have more 小学 and 文盲. */
function educationCode(rng: Rng, bucket: number, age: number): string {
  switch (bucket) {
    case 1: return rng.chance(0.85) ? '14' : '11';
    case 2: return '21';
    case 3: return '31';
    case 4: return '41';
    case 5: return rng.weighted([['61', 7], ['44', 1], ['47', 2]] as const);
    default:
      return age >= 70 ? rng.weighted([['71', 4], ['81', 4], ['80', 1], ['90', 1]] as const) : age >= 50 ? rng.weighted([['71', 7], ['81', 3]] as const) : '71';
  }
}

export function drawEducation(rng: Rng, p: PeopleProfile, age: number): { education: string; degree: string | null } {
  const table = EDU_BUCKETS[eduClass(p)];
  const bucket = (table.find(([min]) => age >= min) ?? table[table.length - 1]!)[1].draw(rng);
  const education = educationCode(rng, bucket, age);
  const degree = bucket === 1 ? (education === '11' ? '博士' : '硕士') : bucket === 2 && rng.chance(0.85) ? '学士' : null;
  return { education, degree };
}

const JOBS: Partial<Record<PeopleProfile, Weighted<string>>> = {
  village: new Weighted([['02', 80], ['07', 8], ['01', 6], ['04', 4], ['03', 2]]),
  institution: new Weighted([['03', 60], ['04', 30], ['05', 10]]),
  school: new Weighted([['03', 85], ['04', 15]]),
  hospital: new Weighted([['03', 85], ['04', 15]]),
  soe: new Weighted([['01', 40], ['04', 35], ['03', 25]]),
  private: new Weighted([['01', 45], ['04', 35], ['03', 20]]),
  social: new Weighted([['04', 45], ['03', 35], ['07', 20]]),
};
const COMMUNITY_WORKING = new Weighted([['07', 35], ['01', 20], ['04', 20], ['03', 15], ['05', 5], ['02', 5]]);

/** 工作岗位 (job-category codes) by the kind of branch and age. */
export function drawJob(rng: Rng, p: PeopleProfile, age: number): string {
  switch (p) {
    case 'organ': case 'police': case 'court': case 'township-organ': return rng.chance(0.92) ? '05' : '04';
    case 'army': return '09';
    case 'retired': return '08';
    case 'community': return age >= 60 ? (rng.chance(0.9) ? '08' : '07') : COMMUNITY_WORKING.draw(rng);
    case 'village': return age >= 65 && rng.chance(0.15) ? '08' : (JOBS.village as Weighted<string>).draw(rng);
    default: return (JOBS[p] ?? COMMUNITY_WORKING).draw(rng);
  }
}

const JOIN_AGE = {
  village: bands([[18, 22, 10], [23, 30, 30], [31, 40, 35], [41, 55, 20], [56, 65, 5]]),
  other: bands([[18, 22, 22], [23, 27, 33], [28, 35, 30], [36, 45, 12], [46, 58, 3]]),
};

const TITLES: Partial<Record<PeopleProfile, readonly string[]>> = {
  school: ['中小学二级教师', '中小学一级教师', '中小学一级教师', '中小学高级教师'],
  hospital: ['医师', '主治医师', '主治医师', '副主任医师', '护师', '主管护师'],
  institution: ['助理工程师', '工程师', '高级工程师', '助理研究员'],
  soe: ['助理工程师', '工程师', '会计师'],
  private: ['助理工程师', '工程师'],
};

function employerPost(rng: Rng, o: OrgNode, p: PeopleProfile, job: string): string | null {
  switch (p) {
    case 'village': return job === '02' ? rng.pick(['务农', '务农', '养殖', '种植大户', '外出务工']) : job === '08' ? '退休' : rng.pick(['个体经营', '村级公益性岗位', '合作社社员']);
    case 'community': return job === '08' ? rng.pick([`${o.address.replace(/^新疆/, '')}居民（退休）`, '退休职工', '退休教师']) : rng.pick(['个体经营', '社区工作者', '企业职工', '灵活就业']);
    case 'retired': return `${o.employer}退休干部`;
    case 'organ': case 'court': case 'township-organ':
      return `${o.employer}${rng.pick(['科员', '科员', '一级科员', '四级主任科员', '三级主任科员', '股长', '副科长', '科长', '副主任'])}`;
    case 'police': return `${o.employer}${rng.pick(['民警', '民警', '一级警员', '副所长', '辅警', '大队长'])}`;
    case 'army': return `${o.employer}${rng.pick(['参谋', '干事', '助理员'])}`;
    case 'school': return `${o.employer}${job === '04' ? rng.pick(['副校长', '教务主任', '办公室主任']) : '教师'}`;
    case 'hospital': return `${o.employer.split('、')[0] ?? ''}${job === '04' ? rng.pick(['科室主任', '护士长', '办公室主任']) : rng.pick(['医师', '护士', '药师', '检验师'])}`;
    default: {
      const unit = rng.pick(o.employer.split('、'));
      return `${unit}${job === '04' ? rng.pick(['部门经理', '总经理', '办公室主任', '财务主管']) : job === '03' ? rng.pick(['技术员', '工程师', '会计']) : rng.pick(['员工', '操作工', '驾驶员'])}`;
    }
  }
}

// ---- members ----------------------------------------------------------------------------------

export interface MemberRow {
  id: string;
  idNumber: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  nativePlace: string;
  education: string;
  degree: string | null;
  category: 'formal' | 'probationary';
  joinedOn: string;
  confirmedOn: string | null;
  orgId: string;
  partyPost: string | null;
  jobCategory: string;
  employerPost: string | null;
  techTitle: string | null;
  newStratum: string | null;
  migrantWorker: 0 | 1;
  phone: string | null;
  householdReg: string;
  residence: string;
  gridId: string | null;
  gridRegisteredOn: string | null;
  dutyPost: string | null;
  modelHousehold: 0 | 1;
  mobile: 0 | 1;
  mobilePlace: string | null;
  mobileSince: string | null;
  lostContact: 0 | 1;
  lostSince: string | null;
  lostCircumstance: string | null;
  hardship: 0 | 1;
  status: 'active' | 'left';
  leftOn: string | null;
  leftReason: string | null;
  // ---- generator's own ----
  org: OrgNode;
  age: number;
  /** Came into the county from outside (its earlier history is elsewhere). */
  fromOutside: boolean;
  /** Probation extended by a year (still probationary more than a year after joining). */
  probationExtended: boolean;
  /** The branch it joined (its 发展), which a move inside the county may have left since. */
  joinOrg: OrgNode;
  /** 党委审批, the date of its 发展 event (members admitted in the last ten years), else null. */
  approvedOn: string | null;
  /** Approved more than 3 months after the branch meeting (R11, a deliberate handful). */
  lateApproval: boolean;
}

export interface EventRow {
  id: string;
  memberId: string;
  kind: string;
  onDate: string;
  orgId: string;
  otherParty: string | null;
  note: string | null;
  /** member_events.data (JSON): 发展's 入党日期, 延长预备期's months. */
  data: string | null;
}

export interface PeopleResult {
  members: MemberRow[];
  /** Active members by branch id. */
  byBranch: Map<string, MemberRow[]>;
  events: EventRow[];
  left: number;
}

const LEAVING = new Weighted<string>([
  ['deceased', 52], ['transfer-out', 36], ['withdrawn', 3], ['self-left', 2], ['expelled', 2], ['probation-cancelled', 2],
  ['removed', 1], ['persuaded-out', 1], ['not-recognised', 0.5], ['suspended', 0.5],
]);

const IN_SERVICE: ReadonlySet<PeopleProfile> = new Set(['organ', 'police', 'court', 'institution', 'school', 'hospital', 'soe', 'army']);

export function generateMembers(rng: Rng, tree: CountyTree, ids: Identities, activeCount: number): PeopleResult {
  const today = ids.today;
  const todayDay = ids.todayDay;
  const members: MemberRow[] = [];
  const byBranch = new Map<string, MemberRow[]>();
  const events: EventRow[] = [];
  // The ledger's records (发展 events, the pipeline's 全程纪实) cover whole years: the last ten.
  const recordsFrom = `${Number(today.slice(0, 4)) - 10}-01-01`;
  const toAdmit: MemberRow[] = [];
  const gridFounded = new Map(tree.grids.map((g) => [g.id, dayOf(g.foundedOn)]));

  const make = (o: OrgNode, leaving: string | null): MemberRow => {
    const p = o.profile ?? 'community';
    const probationary = leaving === 'probation-cancelled' || (leaving === null && p !== 'retired' && rng.next() < 0.026 * (p === 'village' ? 0.8 : 1.2));
    let age: number;
    if (leaving === 'deceased') age = rng.int(62, 96);
    else if (probationary) age = rng.weighted([[rng.int(23, 30), 55], [rng.int(31, 35), 25], [rng.int(36, 45), 15], [rng.int(46, 55), 5]] as const);
    else {
      const [lo, hi] = ageBandsOf(p).draw(rng);
      age = rng.int(lo, hi);
    }
    const ethnicity = ETHNIC_MIX[o.ethnic as EthnicProfile].draw(rng);
    const gender = rng.chance(FEMALE_SHARE[p]) ? '2' : '1';
    const who = ids.make(rng, ethnicity, ids.birthDayForAge(rng, age), gender);
    const birthDay = dayOf(who.birthDate);
    const adult = dayOf(plusYears(who.birthDate, 18));

    // 入党日期: the branch meeting; 转正 a year later.
    let joinedDay: number;
    const extended = probationary && leaving === null && rng.chance(0.03);
    if (probationary) {
      joinedDay = leaving || extended ? todayDay - rng.int(380, 540) : todayDay - rng.int(20, 364);
    } else {
      const [lo, hi] = (p === 'village' ? JOIN_AGE.village : JOIN_AGE.other).draw(rng);
      const ja = rng.int(lo, hi);
      joinedDay = dayOf(plusYears(who.birthDate, ja)) + rng.int(0, 364);
      const latest = todayDay - 400;
      if (joinedDay > latest) joinedDay = rng.int(adult, Math.max(adult, latest));
    }
    if (joinedDay < adult) joinedDay = adult + rng.int(0, 60);
    const joinedOn = isoOf(joinedDay);
    const confirmedOn = probationary ? null : plusYears(joinedOn, 1);
    const { education, degree } = drawEducation(rng, p, age);
    const job = drawJob(rng, p, age);
    const title = TITLES[p];
    const m: MemberRow = {
      id: demoId(),
      idNumber: who.idNumber,
      name: who.name,
      gender,
      ethnicity,
      birthDate: who.birthDate,
      nativePlace: nativePlaceOf(who.region, tree.county),
      education,
      degree,
      category: probationary ? 'probationary' : 'formal',
      joinedOn,
      confirmedOn,
      orgId: o.id,
      partyPost: null,
      jobCategory: job,
      employerPost: employerPost(rng, o, p, job),
      techTitle: title && (job === '03' || rng.chance(0.3)) && age >= 24 ? rng.pick(title) : null,
      newStratum: (p === 'private' || p === 'social') && rng.chance(0.6) ? (p === 'private' ? rng.pick(['民营企业管理人员', '民营企业技术人员', '个体工商户']) : rng.pick(['社会组织从业人员', '律师', '自由职业人员'])) : null,
      migrantWorker: (p === 'village' && age <= 50 && rng.chance(0.1)) || (p === 'private' && job === '01' && rng.chance(0.3)) ? 1 : 0,
      phone: age >= 80 && rng.chance(0.35) ? null : mobilePhone(rng),
      householdReg: o.address || `新疆${tree.county}`,
      residence: o.address || `新疆${tree.county}`,
      gridId: null,
      gridRegisteredOn: null,
      dutyPost: rng.chance(p === 'village' || p === 'community' ? 0.18 : 0.06) ? rng.pick(DUTY_POSTS) : null,
      modelHousehold: p === 'village' && rng.chance(0.06) ? 1 : 0,
      mobile: 0,
      mobilePlace: null,
      mobileSince: null,
      lostContact: 0,
      lostSince: null,
      lostCircumstance: null,
      hardship: age >= 65 && rng.chance(0.04) ? 1 : 0,
      status: 'active',
      leftOn: null,
      leftReason: null,
      org: o,
      age,
      fromOutside: false,
      probationExtended: extended,
      joinOrg: o,
      approvedOn: null,
      lateApproval: false,
    };
    // Where they live: community members registered in their grid from joining (or from the unit's
    // founding); some in-service members registered with a community (在职党员到社区报到, 2019 on).
    if (p === 'community' && o.homeGrids.length > 0) {
      m.gridId = rng.pick(o.homeGrids);
      m.gridRegisteredOn = isoOf(Math.min(todayDay, Math.max(joinedDay, gridFounded.get(m.gridId) ?? joinedDay)));
    } else if (IN_SERVICE.has(p) && tree.communityLeafGrids.length > 0 && rng.chance(0.35)) {
      m.gridId = rng.pick(tree.communityLeafGrids);
      m.gridRegisteredOn = isoOf(Math.min(todayDay - 1, Math.max(joinedDay, gridFounded.get(m.gridId) ?? 0, rng.int(dayOf('2019-03-01'), todayDay - 1))));
      m.residence = `新疆${tree.county}${rng.pick(tree.communities).area}`;
    }
    if (p !== 'village' && p !== 'community' && p !== 'retired') m.householdReg = `新疆${tree.county}`;

    // History: admitted/confirmed events for the last ten years, transfers, mobility, lost contact.
    const confirmedDay = confirmedOn ? dayOf(confirmedOn) : joinedDay;
    let joinOrg = o;
    let lastEventDay = confirmedDay;
    const r = rng.next();
    if (!probationary && r < 0.03 && confirmedDay < todayDay - 60) {
      // Transferred in from outside the county.
      const on = isoOf(rng.int(Math.max(confirmedDay + 1, todayDay - 3650), todayDay - 30));
      events.push({ id: demoId(), memberId: m.id, kind: 'transfer-in', onDate: on, orgId: o.id, otherParty: outsideOrg(rng), note: null, data: null });
      m.fromOutside = true;
      lastEventDay = dayOf(on);
      m.nativePlace = rng.chance(0.5) ? m.nativePlace : nativePlaceOf(who.region, tree.county);
    } else if (!probationary && r < 0.075 && confirmedDay < todayDay - 60) {
      // Moved inside the county: out of another branch and into this one on the same day.
      const from = tree.branches[rng.int(0, tree.branches.length - 1)] as OrgNode;
      if (from !== o) {
        const on = isoOf(rng.int(Math.max(confirmedDay + 1, todayDay - 2900), todayDay - 30));
        events.push({ id: demoId(), memberId: m.id, kind: 'transfer-out', onDate: on, orgId: from.id, otherParty: o.name, note: null, data: null });
        events.push({ id: demoId(), memberId: m.id, kind: 'transfer-in', onDate: on, orgId: o.id, otherParty: from.name, note: null, data: null });
        joinOrg = from;
        lastEventDay = dayOf(on);
      }
    }
    m.joinOrg = joinOrg;
    // The 发展 event is written once the 党委审批 dates are drawn (admit, below): in the last ten years.
    if (!m.fromOutside && joinedOn >= plusYears(recordsFrom, -1)) toAdmit.push(m);
    if (extended) {
      // Should have been confirmed by now: the probation was extended (R13).
      events.push({ id: demoId(), memberId: m.id, kind: 'probation-extended', onDate: plusYears(joinedOn, 1), orgId: o.id, otherParty: null, note: '延长预备期一年', data: JSON.stringify({ months: 12 }) });
    }
    if (leaving === null && !probationary) {
      const mobileChance = p === 'village' || p === 'community' || p === 'private' ? 0.035 : 0.005;
      if (age <= 60 && rng.chance(mobileChance)) {
        m.mobile = 1;
        m.mobilePlace = rng.pick(MOBILE_PLACES);
        m.mobileSince = isoOf(rng.int(Math.max(confirmedDay, todayDay - 2000), todayDay - 20));
        events.push({ id: demoId(), memberId: m.id, kind: 'mobile', onDate: m.mobileSince, orgId: o.id, otherParty: m.mobilePlace, note: null, data: null });
      } else if (age <= 65 && rng.chance(p === 'village' || p === 'private' ? 0.004 : 0.001)) {
        m.lostContact = 1;
        m.lostSince = isoOf(rng.int(Math.max(confirmedDay, todayDay - 2800), todayDay - 200));
        m.lostCircumstance = rng.pick(LOST_CIRCUMSTANCES);
        events.push({ id: demoId(), memberId: m.id, kind: 'lost-contact', onDate: m.lostSince, orgId: o.id, otherParty: null, note: m.lostCircumstance, data: null });
      }
    }
    if (leaving) {
      // After every other event of the member (a move inside the county, …): nothing follows leaving.
      const after = probationary ? joinedDay + 30 : Math.max(lastEventDay + 1, birthDay);
      const leftDay = leaving === 'probation-cancelled' ? Math.min(todayDay - 5, joinedDay + 365 + rng.int(0, 60)) : rng.int(Math.max(after, todayDay - 1800), todayDay - 5);
      m.status = 'left';
      m.leftOn = isoOf(Math.max(leftDay, joinedDay + 1));
      m.leftReason = leaving;
      m.partyPost = null;
      events.push({ id: demoId(), memberId: m.id, kind: leaving, onDate: m.leftOn, orgId: o.id, otherParty: leaving === 'transfer-out' ? outsideOrg(rng) : null, note: leaving === 'deceased' ? '因病去世' : null, data: leaving === 'transfer-out' ? JSON.stringify({ outsideCounty: true }) : null });
    }
    return m;
  };

  // Active members branch by branch.
  for (const o of tree.branches) {
    const list: MemberRow[] = [];
    for (let i = 0; i < o.size; i++) list.push(make(o, null));
    byBranch.set(o.id, list);
    members.push(...list);
  }
  if (members.length !== activeCount) throw new Error(`demo: ${members.length} members generated for ${activeCount}`);

  // Those who left in the last five years (deaths, transfers out of the county, 出党 …).
  const leftCount = Math.round(activeCount * 0.015);
  const cumulative: number[] = [];
  let acc = 0;
  for (const o of tree.branches) cumulative.push((acc += o.size));
  for (let i = 0; i < leftCount; i++) {
    const x = rng.int(0, acc - 1);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    members.push(make(tree.branches[lo] as OrgNode, LEAVING.draw(rng)));
  }
  admit(rng, toAdmit, events, todayDay, recordsFrom);
  return { members, byBranch, events, left: leftCount };
}

/**
 * 党委审批 10–80 days after the branch meeting (a deliberate handful of 预备党员 100–170 days: R11),
 * never today or later: the date of the member's 发展 event, which carries the meeting as 入党日期
 * (DOMAIN.md §3), so the pipeline's approvals and the members' 发展 events are the same count.
 */
function admit(rng: Rng, list: readonly MemberRow[], events: EventRow[], todayDay: number, recordsFrom: string): void {
  const lateable = list.filter((m) => m.category === 'probationary' && m.status === 'active' && dayOf(m.joinedOn) <= todayDay - 175);
  for (let i = 0; i < Math.max(3, Math.round(lateable.length * 0.04)) && lateable.length > 0; i++) rng.pick(lateable).lateApproval = true;
  for (const m of list) {
    const meeting = dayOf(m.joinedOn);
    const approved = Math.max(meeting, Math.min(todayDay - 1, meeting + (m.lateApproval ? rng.int(100, 170) : rng.int(10, 80))));
    // Approved before the records begin: known by the 入党日期 on the row alone.
    if (isoOf(approved) < recordsFrom) continue;
    m.approvedOn = isoOf(approved);
    events.push({ id: demoId(), memberId: m.id, kind: 'admitted', onDate: m.approvedOn, orgId: m.joinOrg.id, otherParty: null, note: null, data: JSON.stringify({ joinedOn: m.joinedOn }) });
    if (m.confirmedOn) events.push({ id: demoId(), memberId: m.id, kind: 'confirmed', onDate: m.confirmedOn, orgId: m.joinOrg.id, otherParty: null, note: null, data: null });
  }
}

// ---- posts (书记, 委员 …) -------------------------------------------------------------------------

export interface OfficerRow {
  id: string;
  orgId: string;
  memberId: string;
  name: string;
  post: string;
  fromDate: string | null;
}

function eligible(m: MemberRow, retiredOk: boolean): boolean {
  return m.category === 'formal' && m.partyPost === null && m.mobile === 0 && m.lostContact === 0 && m.age >= 26 && (retiredOk || m.age <= 60) && m.age <= 75;
}

function choose(rng: Rng, list: readonly MemberRow[], retiredOk: boolean): MemberRow | null {
  if (list.length === 0) return null;
  const start = rng.int(0, list.length - 1);
  for (let k = 0; k < list.length; k++) {
    const m = list[(start + k) % list.length] as MemberRow;
    if (eligible(m, retiredOk)) return m;
  }
  return null;
}

/** 书记 and 支委 of every branch, the secretaries of 党总支 / 党委 / 党工委, 党小组长 as contacts. */
export function assignPosts(rng: Rng, tree: CountyTree, byBranch: Map<string, MemberRow[]>): OfficerRow[] {
  const officers: OfficerRow[] = [];
  const give = (o: OrgNode, m: MemberRow, post: string): void => {
    m.partyPost = post;
    officers.push({ id: demoId(), orgId: o.id, memberId: m.id, name: m.name, post, fromDate: o.termElectedOn ?? o.foundedOn });
  };
  for (const o of tree.branches) {
    const list = byBranch.get(o.id) ?? [];
    const retiredOk = o.profile === 'retired' || o.profile === 'community' || o.profile === 'village';
    const sec = choose(rng, list, retiredOk) ?? list.find((m) => m.category === 'formal' && m.partyPost === null) ?? null;
    if (!sec) continue;
    give(o, sec, '书记');
    o.secretaryMemberId = sec.id;
    o.contactPerson = sec.name;
    o.phone = sec.phone;
    const formal = list.filter((m) => m.category === 'formal').length;
    if (formal >= 7) {
      const posts = formal >= 30 ? ['副书记', '组织委员', '宣传委员', '纪检委员'] : ['组织委员', '宣传委员', '纪检委员'];
      for (const post of posts) {
        const m = choose(rng, list, retiredOk);
        if (m) give(o, m, post);
      }
    }
  }
  // Containers: the secretary is a member of the first branch below that has one (for a township, its 机关).
  const secretaryBelow = (o: OrgNode, retiredOk: boolean): MemberRow | null => {
    const stack = [o];
    while (stack.length > 0) {
      const n = stack.pop() as OrgNode;
      const l = byBranch.get(n.id);
      const m = l ? choose(rng, l, retiredOk) : null;
      if (m) return m;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as OrgNode);
    }
    return null;
  };
  for (const o of tree.orgs) {
    if (o.kind === 'group') {
      const list = byBranch.get(o.parentId ?? '') ?? [];
      const leader = choose(rng, list, true);
      if (leader) {
        leader.partyPost = '党小组组长';
        o.contactPerson = leader.name;
        o.phone = leader.phone;
      }
      continue;
    }
    if (byBranch.has(o.id)) continue;
    const title = o.kind === 'committee' ? '党委书记' : o.kind === 'working-committee' ? '党工委书记' : '党总支书记';
    const sec = secretaryBelow(o, o.unitCategory === 'village' || o.unitCategory === 'community');
    if (!sec) continue;
    give(o, sec, title);
    o.secretaryMemberId = sec.id;
    o.contactPerson = sec.name;
    o.phone = o.unitCategory === 'village' || o.unitCategory === 'community' ? sec.phone : `0994-${rng.int(3_000_000, 3_999_999)}`;
  }
  return officers;
}
