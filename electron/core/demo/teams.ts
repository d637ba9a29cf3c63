/**
 * 第一书记 and 驻村工作队 of the demo county: a first secretary in about 40 % of villages (every
 * 软弱涣散 village), 1–3 team members, monthly days in the village for the last six months (mostly
 * ≥ 20, a few below) and last year's grades. County cadres are members of the county's own branches.
 */
import { demoId } from './ids.js';
import type { CountyTree } from './county.js';
import type { Identities, MemberRow, PeopleResult } from './people.js';
import { DISPATCHERS, ETHNIC_MIX, VILLAGE_TYPES } from './places.js';
import type { Rng} from './rng.js';
import { dayOf, isoOf, plusMonths, plusYears, Weighted } from './rng.js';

export interface TeamMemberRow {
  id: string;
  villageOrgId: string;
  name: string;
  idNumber: string;
  role: 'first-secretary' | 'leader' | 'member';
  dispatchingUnit: string;
  dispatchingLevel: 'central' | 'province' | 'city' | 'county';
  villageType: string;
  batch: string;
  memberId: string | null;
  fromDate: string;
  toDate: string;
  endedOn: string | null;
  endKind: 'recall' | null;
  endReason: string | null;
  workStartedOn: string;
  funds: number | null;
}

export interface TeamMonthRow {
  id: string;
  teamMemberId: string;
  month: string;
  daysInVillage: number;
  logCount: number;
  visitCount: number;
}

/** Leave taken in a month with fewer days in the village; most of it approved by the township. */
export interface TeamLeaveRow {
  id: string;
  teamMemberId: string;
  fromDate: string;
  toDate: string;
  reason: string;
  approvedBy: string | null;
  approvedOn: string | null;
}

export interface TeamGradeRow {
  id: string;
  teamMemberId: string;
  year: number;
  grade: string;
}

const LEVEL = new Weighted<'central' | 'province' | 'city' | 'county'>([['county', 55], ['city', 25], ['province', 15], ['central', 5]]);
const GRADE = new Weighted<string>([['优秀', 20], ['称职', 72], ['基本称职', 6], ['不称职', 2]]);

const LEAVE_REASONS = ['病假', '事假', '参加培训', '家中有事'];

export function generateTeams(rng: Rng, tree: CountyTree, ids: Identities, people: PeopleResult): { team: TeamMemberRow[]; months: TeamMonthRow[]; leaves: TeamLeaveRow[]; grades: TeamGradeRow[] } {
  const todayDay = ids.todayDay;
  const today = ids.today;
  const year = Number(today.slice(0, 4));
  const team: TeamMemberRow[] = [];
  const months: TeamMonthRow[] = [];
  const leaves: TeamLeaveRow[] = [];
  const grades: TeamGradeRow[] = [];

  // County cadres who may be sent: 正式党员 of county bodies with ≥ 1 year of 党龄, 28–52 years old.
  const pool: MemberRow[] = people.members.filter(
    (m) => m.status === 'active' && m.category === 'formal' && m.partyPost === null && m.age >= 28 && m.age <= 52 &&
      m.confirmedOn !== null && dayOf(m.confirmedOn) <= todayDay - 366 && m.mobile === 0 && m.lostContact === 0 &&
      (m.org.profile === 'organ' || m.org.profile === 'institution' || m.org.profile === 'court' || m.org.profile === 'hospital'),
  );
  rng.shuffle(pool);
  let nextCadre = 0;

  // The last six complete months.
  const monthList: string[] = [];
  for (let k = 6; k >= 1; k--) monthList.push(plusMonths(`${today.slice(0, 7)}-01`, -k).slice(0, 7));

  for (const v of tree.villages) {
    if (!(v.top.weak === 1 || rng.chance(0.4))) continue;
    const villageType = v.top.weak === 1 ? '软弱涣散村' : VILLAGE_TYPES.draw(rng);
    // Batches start in March; a team serves two years.
    const startYear = rng.chance(0.6) ? year - 1 : year;
    let from = dayOf(`${startYear}-03-01`) + rng.int(0, 20);
    if (from > todayDay - 30) from = dayOf(`${year - 1}-03-01`) + rng.int(0, 20);
    const fromDate = isoOf(from);
    const batch = `${fromDate.slice(0, 4)}年第${rng.chance(0.8) ? '一' : '二'}批`;
    const size = 1 + rng.int(1, 3);
    for (let i = 0; i < size; i++) {
      const level = LEVEL.draw(rng);
      const unitName = rng.pick(DISPATCHERS[level]);
      const dispatchingUnit = level === 'county' ? `${tree.county}${unitName}` : unitName;
      let name: string;
      let idNumber: string;
      let memberId: string | null = null;
      const cadre = level === 'county' && nextCadre < pool.length ? pool[nextCadre++] ?? null : null;
      if (cadre) {
        ({ name, idNumber } = cadre);
        memberId = cadre.id;
        cadre.employerPost = `${dispatchingUnit}干部（驻${v.area}${v.name}${i === 0 ? '第一书记' : '工作队队员'}）`;
      } else {
        const age = rng.int(28, 50);
        const who = ids.make(rng, ETHNIC_MIX.cadre.draw(rng), ids.birthDayForAge(rng, age), rng.chance(0.7) ? '1' : '2', level === 'county' ? undefined : rng.pick(['650102', '650103', '650104', '652301', '650105']));
        name = who.name;
        idNumber = who.idNumber;
      }
      const role: TeamMemberRow['role'] = i === 0 ? 'first-secretary' : i === 1 && rng.chance(0.3) ? 'leader' : 'member';
      const recalled = rng.chance(0.03) ? isoOf(Math.min(todayDay - 10, from + rng.int(60, 300))) : null;
      const row: TeamMemberRow = {
        id: demoId(), villageOrgId: v.top.id, name, idNumber, role, dispatchingUnit, dispatchingLevel: level, villageType, batch,
        memberId, fromDate, toDate: plusYears(fromDate, 2), endedOn: recalled, endKind: recalled ? 'recall' : null, endReason: recalled ? '工作调整' : null,
        workStartedOn: `${Number(today.slice(0, 4)) - rng.int(4, 25)}-0${rng.int(7, 9)}-01`, funds: i === 0 ? rng.int(5, 30) : null,
      };
      team.push(row);
      for (const month of monthList) {
        if (`${month}-31` < fromDate) continue;
        if (recalled && `${month}-01` > recalled) continue;
        const low = rng.chance(0.1);
        const days = low ? rng.int(10, 19) : rng.int(20, 26);
        months.push({ id: demoId(), teamMemberId: row.id, month, daysInVillage: days, logCount: Math.max(0, days - rng.int(0, 4)), visitCount: rng.int(5, 40) });
        // Some of the short months are explained by leave; most of it approved.
        if (low && rng.chance(0.6)) {
          const from = `${month}-${String(rng.int(3, 18)).padStart(2, '0')}`;
          const to = isoOf(dayOf(from) + rng.int(1, 6));
          const approved = rng.chance(0.8);
          leaves.push({ id: demoId(), teamMemberId: row.id, fromDate: from, toDate: to, reason: rng.pick(LEAVE_REASONS), approvedBy: approved ? `${v.area}党委书记` : null, approvedOn: approved ? isoOf(dayOf(from) - 1) : null });
        }
      }
      if (Number(fromDate.slice(0, 4)) < year) grades.push({ id: demoId(), teamMemberId: row.id, year: year - 1, grade: GRADE.draw(rng) });
    }
  }
  return { team, months, leaves, grades };
}
