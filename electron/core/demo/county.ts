/**
 * The organisation tree and the grid tree of the demo county, built in memory (ids, materialised
 * paths, names, 换届, 星级, 软弱涣散 …) with a target number of members for every branch that holds
 * members. Sizes scale with the requested member count, about 30 members per 党支部.
 */
import type { OrgKind, UnitCategory } from '../../../shared/codes/tables.js';
import type { GridKind } from '../../../shared/domain/grid-rules.js';
import { termYearsFor } from '../../../shared/domain/terms.js';
import { demoId } from './ids.js';
import { nameFor } from './names.js';
import {
  chineseNumber, communityNames, COUNTY_REGION, ESTATE_STEMS, ETHNIC_MIX, enterpriseName, HOSPITAL_BRANCHES, ORGANS,
  RECTIFICATION_MEASURES, SCHOOLS, SOES, socialOrgName, STREETS, TOWNSHIPS, villageNames,
  type EthnicProfile, type OrganDef,
} from './places.js';
import type { Rng} from './rng.js';
import { dayOf, isoOf, plusMonths, plusYears, Weighted } from './rng.js';

/** What kind of people a member-holding branch has (ages, education, jobs). */
export type PeopleProfile =
  | 'village' | 'community' | 'organ' | 'police' | 'court' | 'army' | 'retired' | 'institution'
  | 'school' | 'hospital' | 'soe' | 'private' | 'social' | 'township-organ';

export interface OrgNode {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  shortName: string;
  kind: OrgKind;
  unitCategory: UnitCategory | null;
  foundedOn: string | null;
  approvedByOrgId: string | null;
  secretaryMemberId: string | null;
  contactPerson: string | null;
  phone: string | null;
  canApprove: 0 | 1;
  regionCode: string | null;
  termElectedOn: string | null;
  termYears: number | null;
  termExtendedTo: string | null;
  stars: number | null;
  weak: 0 | 1;
  rectificationStatus: string | null;
  rectificationMeasures: string | null;
  venueArea: number | null;
  venueBuiltYear: number | null;
  venueFunds: number | null;
  liaisonLeader: string | null;
  sortOrder: number;
  // ---- generator's own fields (not stored) ----
  parent: OrgNode | null;
  children: OrgNode[];
  /** Members this branch holds (0 for containers). */
  size: number;
  profile: PeopleProfile | null;
  ethnic: EthnicProfile;
  /** The village or community this organisation belongs to (itself for the unit's top). */
  unit: Unit | null;
  /** Grid units where this branch's members live (community branches). */
  homeGrids: string[];
  /** 户籍 / residence text for members. */
  address: string;
  /** Employer text for members (unit name). */
  employer: string;
}

/** A village or community with its top party organisation. */
export interface Unit {
  kind: 'village' | 'community';
  name: string;
  /** Township or street name. */
  area: string;
  top: OrgNode;
  /** Member-holding branches of the unit. */
  branches: OrgNode[];
}

export interface GridNode {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  kind: GridKind;
  /** The covering organisation now (its records: changes). */
  orgId: string | null;
  /** The township or street whose area it is in. */
  ownerOrgId: string;
  leader: string | null;
  workers: string | null;
  households: number;
  population: number;
  buildingLeader: string | null;
  foundedOn: string;
  dissolvedOn: string | null;
  dissolvedReason: string | null;
}

/** A dated record of a grid unit (grid_changes). */
export interface GridChangeRow {
  id: string;
  gridId: string;
  kind: 'found' | 'move' | 'cover' | 'dissolve';
  onDate: string;
  name: string | null;
  parentId: string | null;
  ownerOrgId: string | null;
  orgId: string | null;
  reason: string | null;
}

export interface CountyTree {
  county: string;
  /** 市 or 县: the level character in body names (市委组织部, 县财政局). */
  lvl: string;
  root: OrgNode;
  orgs: OrgNode[];
  grids: GridNode[];
  gridChanges: GridChangeRow[];
  /** Branches that hold members, in creation order. */
  branches: OrgNode[];
  villages: Unit[];
  communities: Unit[];
  /** All grid units of communities (for 在职党员到社区报到). */
  communityLeafGrids: string[];
}

interface Ctx {
  rng: Rng;
  today: string;
  todayDay: number;
  county: string;
  lvl: string;
  orgs: OrgNode[];
  grids: GridNode[];
  gridChanges: GridChangeRow[];
  branches: OrgNode[];
}

const SHARES: readonly (readonly [string, number])[] = [
  ['rural', 0.435], ['township', 0.05], ['community', 0.17], ['street', 0.015], ['organ', 0.15],
  ['soe', 0.015], ['school', 0.07], ['hospital', 0.03], ['two-new', 0.065],
];

/** Splits `total` into parts proportional to `weights` (largest remainder), each at least `min` when possible. */
export function splitByWeights(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = Math.min(min, Math.floor(total / n));
  const rest = total - floor * n;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (rest * w) / sum);
  const out = raw.map((x) => floor + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[(order[k] as readonly [number, number])[1]]! += 1;
  return out;
}

function jitterWeights(rng: Rng, n: number, spread = 0.6): number[] {
  const w: number[] = [];
  for (let i = 0; i < n; i++) w.push(Math.exp((rng.next() + rng.next() + rng.next() - 1.5) * spread * 2) * (rng.chance(0.08) ? 2 : 1));
  return w;
}

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const a = dayOf(`${fromYear}-01-01`);
  const b = dayOf(`${toYear}-12-31`);
  return isoOf(rng.int(a, b));
}

const STAR_DIST = new Weighted<number>([[1, 5], [2, 15], [3, 40], [4, 28], [5, 12]]);

function addOrg(c: Ctx, parent: OrgNode | null, f: Partial<OrgNode> & Pick<OrgNode, 'name' | 'shortName' | 'kind'>): OrgNode {
  const id = demoId();
  const node: OrgNode = {
    id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: (parent?.depth ?? -1) + 1,
    unitCategory: null,
    foundedOn: null,
    approvedByOrgId: f.kind === 'group' ? null : parent?.id ?? null,
    secretaryMemberId: null,
    contactPerson: null,
    phone: null,
    canApprove: 0,
    regionCode: null,
    termElectedOn: null,
    termYears: null,
    termExtendedTo: null,
    stars: null,
    weak: 0,
    rectificationStatus: null,
    rectificationMeasures: null,
    venueArea: null,
    venueBuiltYear: null,
    venueFunds: null,
    liaisonLeader: null,
    sortOrder: parent ? parent.children.length : 0,
    parent,
    children: [],
    size: 0,
    profile: null,
    ethnic: parent?.ethnic ?? 'urban',
    unit: parent?.unit ?? null,
    homeGrids: [],
    address: parent?.address ?? '',
    employer: parent?.employer ?? '',
    ...f,
  };
  const years = termYearsFor(node.kind, node.unitCategory);
  if (years !== null && f.termElectedOn === undefined) setTerm(c, node, years);
  parent?.children.push(node);
  c.orgs.push(node);
  return node;
}

/** 本届选举日期: most in term, some due (应换届), a few overdue (超期未换届), some of those extended. */
function setTerm(c: Ctx, node: OrgNode, years: number): void {
  const { rng } = c;
  node.termYears = years;
  const dueBase = dayOf(plusYears(c.today, -years));
  const r = rng.next();
  let elected: number;
  if (r < 0.8) elected = rng.int(dueBase + 20, c.todayDay - 20);
  else if (r < 0.91) elected = dueBase - rng.int(0, 80);
  else if (r < 0.98) {
    elected = dueBase - rng.int(100, 520);
    if (rng.chance(0.4)) node.termExtendedTo = plusMonths(plusYears(isoOf(elected), years), rng.int(6, 12));
  } else return; // not recorded yet
  // Never before the organisation existed.
  if (node.foundedOn && isoOf(elected) < node.foundedOn) elected = dayOf(node.foundedOn) + rng.int(0, 60);
  node.termElectedOn = isoOf(Math.min(elected, c.todayDay));
}

const fullName = (prefix: string, kind: OrgKind): string =>
  kind === 'committee' ? `中共${prefix}委员会`
  : kind === 'working-committee' ? `中共${prefix}工作委员会`
  : kind === 'general-branch' ? `中共${prefix}总支部委员会`
  : `中共${prefix}支部委员会`;

const shortSuffix = (kind: OrgKind): string =>
  kind === 'committee' ? '党委' : kind === 'working-committee' ? '党工委' : kind === 'general-branch' ? '党总支' : kind === 'joint-branch' ? '联合党支部' : '党支部';

/** 党小组 under a branch (members stay in the branch). */
function addGroups(c: Ctx, branch: OrgNode, count: number, names?: (i: number) => string): OrgNode[] {
  const out: OrgNode[] = [];
  for (let i = 0; i < count; i++) {
    const g = names ? names(i) : `第${chineseNumber(i + 1)}党小组`;
    out.push(addOrg(c, branch, { name: `${branch.shortName}${g}`, shortName: g, kind: 'group', unitCategory: branch.unitCategory, foundedOn: branch.foundedOn }));
  }
  return out;
}

interface UnitSpec {
  parent: OrgNode;
  /** Full-name prefix after 中共 (e.g. 城关镇幸福村) and short prefix (幸福村). */
  prefix: string;
  short: string;
  unitCategory: UnitCategory;
  size: number;
  profile: PeopleProfile;
  /** Names of sub-branches (without 党支部), by index. */
  subName: (i: number, count: number) => string;
  /** A committee of this kind may approve new members (机关/医院 yes; 村/社区 no). */
  committeeApproves: boolean;
  /** The last sub-branch is for retirees. */
  retiredSub?: boolean;
  founded: [number, number];
  extra?: Partial<OrgNode>;
  smallKind?: OrgKind;
  /** Thresholds: up to `branchMax` one branch; up to `generalMax` a 党总支; above a 党委. */
  branchMax?: number;
  generalMax?: number;
}

/** One unit (village, organ, school …): a branch, a 党总支 with branches, or a 党委 with branches. */
function addUnit(c: Ctx, s: UnitSpec): { top: OrgNode; branches: OrgNode[] } {
  const { rng } = c;
  const branchMax = s.branchMax ?? 50;
  const generalMax = s.generalMax ?? 120;
  const kind: OrgKind = s.size <= branchMax ? s.smallKind ?? 'branch' : s.size <= generalMax ? 'general-branch' : 'committee';
  const foundedOn = randomDate(rng, s.founded[0], s.founded[1]);
  const top = addOrg(c, s.parent, {
    name: fullName(s.prefix, kind),
    shortName: `${s.short}${shortSuffix(kind)}`,
    kind,
    unitCategory: s.unitCategory,
    foundedOn,
    canApprove: kind === 'committee' && s.committeeApproves ? 1 : 0,
    ...s.extra,
  });
  if (kind === 'branch' || kind === 'joint-branch') {
    top.size = s.size;
    top.profile = s.profile;
    c.branches.push(top);
    if (s.size >= 12 && s.unitCategory !== 'community') addGroups(c, top, Math.min(4, Math.floor(s.size / 10)));
    return { top, branches: [top] };
  }
  const per = kind === 'general-branch' ? 28 : 32;
  const count = Math.max(kind === 'general-branch' ? 2 : 3, Math.ceil(s.size / per));
  const weights = jitterWeights(rng, count, 0.12).map((w) => Math.min(w, 1.3));
  if (s.retiredSub) weights[count - 1] = (weights[count - 1] ?? 1) * 0.6;
  const sizes = splitByWeights(s.size, weights, 3);
  const branches: OrgNode[] = [];
  const subFrom = Math.max(dayOf(foundedOn), dayOf('1990-01-01'));
  for (let i = 0; i < count; i++) {
    const sub = s.retiredSub && i === count - 1 ? '离退休' : s.subName(i, count);
    const b = addOrg(c, top, {
      name: fullName(`${s.prefix}${sub}`, 'branch'),
      shortName: `${s.short}${sub}党支部`,
      kind: 'branch',
      unitCategory: s.unitCategory,
      foundedOn: isoOf(rng.int(subFrom, Math.max(subFrom, c.todayDay - 400))),
    });
    b.size = sizes[i] ?? 0;
    b.profile = s.retiredSub && i === count - 1 ? 'retired' : s.profile;
    c.branches.push(b);
    branches.push(b);
    if (b.size >= 12 && s.unitCategory !== 'community') addGroups(c, b, Math.min(3, Math.floor(b.size / 10)));
  }
  return { top, branches };
}

const ordinal = (i: number): string => `第${chineseNumber(i + 1)}`;
const POLICE_UNITS = ['城区派出所', '交警大队', '刑侦大队', '治安大队', '指挥中心', '特警大队', '巡警大队', '城北派出所', '城南派出所', '出入境管理大队'];

function personName(c: Ctx, ethnic: EthnicProfile): string {
  const g = c.rng.chance(0.6) ? '1' : '2';
  return nameFor(c.rng, ETHNIC_MIX[ethnic].draw(c.rng), g, c.rng.int(1965, 1995));
}

type NewGrid = Omit<GridNode, 'id' | 'parentId' | 'path' | 'orgId' | 'ownerOrgId' | 'dissolvedOn' | 'dissolvedReason'>;

function gridChange(c: Ctx, g: GridNode, kind: GridChangeRow['kind'], onDate: string, v: Partial<Pick<GridChangeRow, 'name' | 'parentId' | 'ownerOrgId' | 'orgId' | 'reason'>> = {}): void {
  c.gridChanges.push({ id: demoId(), gridId: g.id, kind, onDate, name: null, parentId: null, ownerOrgId: null, orgId: null, reason: null, ...v });
}

/**
 * A grid unit in `owner`'s area (a place when `parent` is null) with its founding record. An
 * organisation founded after the unit covers it from its own founding day (a cover record), as
 * 支部建在网格上 came to grids that already existed.
 */
function addGrid(c: Ctx, parent: GridNode | null, owner: OrgNode, cover: OrgNode | null, f: NewGrid): GridNode {
  const id = demoId();
  const g: GridNode = { id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, orgId: cover?.id ?? null, ownerOrgId: parent?.ownerOrgId ?? owner.id, dissolvedOn: null, dissolvedReason: null, ...f };
  c.grids.push(g);
  const coverFrom = cover?.foundedOn && cover.foundedOn > f.foundedOn ? cover.foundedOn : null;
  gridChange(c, g, 'found', f.foundedOn, { name: g.name, parentId: g.parentId, ownerOrgId: g.ownerOrgId, orgId: coverFrom ? null : g.orgId });
  if (coverFrom && cover && coverFrom < c.today) gridChange(c, g, 'cover', coverFrom, { orgId: cover.id });
  else if (coverFrom) g.orgId = null;
  return g;
}

/** The later of two ISO days. */
const later = (a: string, b: string): string => (a > b ? a : b);

/** Village: its party organisation, 星级, 软弱涣散, 阵地, and 村民小组 grid units. */
function buildVillage(c: Ctx, town: OrgNode, townName: string, townCode: string, index: number, vname: string, size: number, ethnic: EthnicProfile, weak: boolean): Unit {
  const { rng } = c;
  const village = `${vname}村`;
  const subNames = ['老党员', '产业', '流动党员', '妇女'];
  const { top, branches } = addUnit(c, {
    parent: town,
    prefix: `${townName}${village}`,
    short: village,
    unitCategory: 'village',
    size,
    profile: 'village',
    subName: (i, n) => (n >= 4 && i >= n - 2 ? (subNames[(i + index) % subNames.length] as string) : ordinal(i)),
    committeeApproves: false,
    founded: [1952, 1995],
    branchMax: 45,
    generalMax: 100,
    extra: {
      ethnic,
      regionCode: `${townCode.slice(0, 9)}${String(200 + index).padStart(3, '0')}`,
      address: `新疆${c.county}${townName}${village}`,
      employer: `${townName}${village}`,
    },
  });
  const unit: Unit = { kind: 'village', name: village, area: townName, top, branches };
  for (const o of c.orgs.slice(c.orgs.indexOf(top))) o.unit = unit;
  top.stars = weak ? rng.int(1, 2) : STAR_DIST.draw(rng);
  setWeak(c, top, weak);
  if (!weak && rng.chance(0.08)) top.liaisonLeader = liaison(c);
  setVenue(c, top);
  addVillagePlace(c, town, village, top, branches, ethnic);
  return unit;
}

/**
 * The village as a place in the township's area (covered by its party organisation, if any) and its
 * 村民小组: 3–8, most covered by the village branch (or one of its branches).
 */
function addVillagePlace(c: Ctx, town: OrgNode, village: string, top: OrgNode | null, branches: OrgNode[], ethnic: EthnicProfile): void {
  const { rng } = c;
  const foundedOn = top?.foundedOn && top.foundedOn < '1985-01-01' ? top.foundedOn : randomDate(rng, 1958, 1984);
  const groups = rng.int(3, 8);
  const place = addGrid(c, null, town, top, { name: village, kind: 'village', leader: personName(c, ethnic), workers: null, households: 0, population: 0, buildingLeader: null, foundedOn });
  for (let i = 0; i < groups; i++) {
    const households = rng.int(30, 140);
    const covering = top && rng.chance(0.85) ? (branches.length > 1 ? branches[i % branches.length]! : top) : null;
    const population = Math.round(households * (3 + rng.next() * 0.8));
    addGrid(c, place, town, covering, { name: `${village}第${chineseNumber(i + 1)}村民小组`, kind: 'village-group', leader: personName(c, ethnic), workers: null, households, population, buildingLeader: null, foundedOn });
    place.households += households;
    place.population += population;
  }
}

function setWeak(c: Ctx, o: OrgNode, weak: boolean): void {
  if (!weak) return;
  o.weak = 1;
  o.rectificationStatus = c.rng.weighted([['整顿中', 5], ['已整顿待验收', 3], ['已销号', 2]] as const);
  o.rectificationMeasures = c.rng.pick(RECTIFICATION_MEASURES);
  o.liaisonLeader = liaison(c);
}

function liaison(c: Ctx): string {
  return `${personName(c, 'cadre')}（${c.rng.pick([`${c.lvl}委常委`, `${c.lvl}人大常委会副主任`, `副${c.lvl}长`, `${c.lvl}政协副主席`])}）`;
}

function setVenue(c: Ctx, o: OrgNode): void {
  const { rng } = c;
  o.venueArea = rng.int(12, 150) * 10;
  o.venueBuiltYear = rng.int(2008, Math.max(2009, Number(c.today.slice(0, 4)) - 1));
  o.venueFunds = Math.round(rng.next() * 180 + 20) ;
}

/** Community: 社区党支部 or 社区党委 with 网格党支部; the grid tree 社区 → 网格 → 楼栋/小区/巷道 with 楼栋党小组. */
function buildCommunity(c: Ctx, street: OrgNode, streetName: string, streetCode: string, index: number, cname: string, size: number, weak: boolean): Unit {
  const { rng } = c;
  const community = `${cname}社区`;
  const { top, branches } = addUnit(c, {
    parent: street,
    prefix: `${streetName}${community}`,
    short: community,
    unitCategory: 'community',
    size,
    profile: 'community',
    subName: (i) => `${ordinal(i)}网格`,
    committeeApproves: false,
    founded: [2002, 2018],
    branchMax: 45,
    generalMax: 45, // a community above 45 members has a 社区党委 with 网格党支部
    extra: {
      ethnic: 'urban',
      regionCode: `${streetCode.slice(0, 9)}${String(1 + index).padStart(3, '0')}`,
      address: `新疆${c.county}${streetName}${community}`,
      employer: `${streetName}${community}`,
    },
  });
  const unit: Unit = { kind: 'community', name: community, area: streetName, top, branches };
  for (const o of c.orgs.slice(c.orgs.indexOf(top))) o.unit = unit;
  // Grid branches were founded with 支部建在网格上 (2019 on).
  for (const b of branches) if (b !== top) b.foundedOn = randomDate(rng, 2019, Math.min(2023, Number(c.today.slice(0, 4))));
  setWeak(c, top, weak);
  setVenue(c, top);

  // DOMAIN.md §2's seed: about five grids a community, a 网格党支部 in a little over half of them,
  // about 1.3 楼栋（巷道）党小组 a grid. Grids were drawn from 2015; buildings and lanes are theirs.
  const gridBranchCount = top.kind === 'committee' ? branches.length : 0;
  const gridCount = Math.max(3, gridBranchCount + rng.int(1, 3));
  const placeFounded = later(top.foundedOn ?? '2002-01-01', '2002-01-01');
  const unitGrid = addGrid(c, null, street, top, { name: community, kind: 'community', leader: personName(c, 'urban'), workers: null, households: 0, population: 0, buildingLeader: null, foundedOn: placeFounded });
  const gridUnits: GridNode[] = [];
  for (let i = 0; i < gridCount; i++) {
    const branch = i < gridBranchCount ? branches[i] ?? null : null;
    const gridFounded = later(placeFounded, randomDate(rng, 2015, 2018));
    const grid = addGrid(c, unitGrid, street, branch, {
      name: `${community}${ordinal(i)}网格`,
      kind: 'grid',
      leader: personName(c, 'urban'),
      workers: [personName(c, 'urban'), personName(c, 'urban')].join('、'),
      households: 0,
      population: 0,
      buildingLeader: null,
      foundedOn: gridFounded,
    });
    gridUnits.push(grid);
    const holder = branch ?? top; // a small community's own branch holds its 楼栋党小组
    const buildings = rng.int(2, 6);
    const estate = rng.pick(ESTATE_STEMS);
    for (let j = 0; j < buildings; j++) {
      const kind = rng.weighted([['building', 7], ['estate', 2], ['lane', 1]] as const);
      const bname = kind === 'building' ? `${estate}小区${i + 1}-${j + 1}号楼` : kind === 'estate' ? `${rng.pick(ESTATE_STEMS)}${rng.pick(['苑', '园', '家园', '花园'])}小区` : `${rng.pick(ESTATE_STEMS)}巷${i + 1}-${j + 1}`;
      const households = kind === 'estate' ? rng.int(120, 400) : kind === 'lane' ? rng.int(20, 80) : rng.int(24, 120);
      const population = Math.round(households * (2.5 + rng.next() * 0.7));
      // 楼栋党小组 for some buildings and lanes, more often in a grid with its own branch.
      const withGroup = kind !== 'estate' && holder.kind !== 'committee' && rng.chance(branch ? 0.55 : 0.45);
      const group = withGroup ? addGroups(c, holder, 1, () => `${bname}党小组`)[0] ?? null : null;
      const b = addGrid(c, grid, street, group, { name: bname, kind, leader: null, workers: null, households, population, buildingLeader: personName(c, 'urban'), foundedOn: gridFounded });
      holder.homeGrids.push(b.id);
      grid.households += households;
      grid.population += population;
    }
    unitGrid.households += grid.households;
    unitGrid.population += grid.population;
  }
  // History a register keeps: a building redrawn into the next grid (网格调整), an old block torn down.
  const [g0, g1] = gridUnits;
  const moved = g0 ? c.grids.find((x) => x.parentId === g0.id) : undefined;
  if (g0 && g1 && moved && rng.chance(0.3)) {
    const on = isoOf(rng.int(dayOf(later(moved.foundedOn, g1.foundedOn)) + 30, c.todayDay - 30));
    moved.parentId = g1.id;
    moved.path = `${g1.path}${moved.id}/`;
    gridChange(c, moved, 'move', on, { parentId: g1.id, ownerOrgId: street.id });
  }
  if (g0 && rng.chance(0.2)) {
    const old = addGrid(c, g0, street, null, { name: `${community}老旧平房区`, kind: 'lane', leader: null, workers: null, households: rng.int(20, 60), population: 0, buildingLeader: null, foundedOn: g0.foundedOn });
    old.dissolvedOn = isoOf(rng.int(dayOf(old.foundedOn) + 200, c.todayDay - 60));
    old.dissolvedReason = '棚户区改造拆迁';
    old.households = 0;
    gridChange(c, old, 'dissolve', old.dissolvedOn, { reason: old.dissolvedReason });
  }
  // Branches without their own grid (a 社区党委's grid branches all have one) live anywhere in the community.
  const all = branches.flatMap((b) => b.homeGrids);
  for (const b of branches) if (b.homeGrids.length === 0) b.homeGrids = all.length > 0 ? all : [unitGrid.id];
  if (top.homeGrids.length === 0) top.homeGrids = all;
  return unit;
}

export function buildCounty(rng: Rng, root: { id: string; path: string; name: string }, members: number, today: string): CountyTree {
  const county = countyNameOf(root.name);
  const lvl = county.endsWith('县') ? '县' : county.endsWith('区') ? '区' : county.endsWith('旗') ? '旗' : '市';
  const rootNode: OrgNode = {
    ...addOrgShell(root),
    parent: null, children: [], size: 0, profile: null, ethnic: 'cadre', unit: null, homeGrids: [],
    address: `新疆${county}`, employer: county,
  };
  const c: Ctx = { rng, today, todayDay: dayOf(today), county, lvl, orgs: [], grids: [], gridChanges: [], branches: [] };
  const segSizes = splitByWeights(members, SHARES.map(([, w]) => w));
  const seg = Object.fromEntries(SHARES.map(([k], i) => [k, segSizes[i] ?? 0])) as Record<string, number>;

  // ---- townships and villages ----
  const townCount = Math.min(16, Math.max(4, Math.round(members / 1800)));
  const streetCount = members < 10_000 ? 2 : members < 60_000 ? 3 : 4;
  const villageCount = Math.min(townCount * 28, Math.max(townCount, Math.round((seg.rural ?? 0) / 65)));
  const villageSizes = splitByWeights(seg.rural ?? 0, jitterWeights(rng, villageCount, 0.45), 6);
  const townInner = splitByWeights(seg.township ?? 0, jitterWeights(rng, townCount, 0.2));
  const villagesPerTown = splitByWeights(villageCount, jitterWeights(rng, townCount, 0.25), 1);
  const vnames = villageNames();
  const villages: Unit[] = [];
  const weakVillage = new Set<number>();
  const weakCount = Math.max(1, Math.round(villageCount * 0.04));
  while (weakVillage.size < Math.min(weakCount, villageCount)) weakVillage.add(rng.int(0, villageCount - 1));
  let vi = 0;
  let zhen = 0;
  let xiang = 0;
  for (let t = 0; t < townCount; t++) {
    const def = TOWNSHIPS[t] as (typeof TOWNSHIPS)[number];
    const code = `${COUNTY_REGION}${def.kind === '镇' ? 100 + ++zhen : 200 + ++xiang}000`;
    const town = addOrg(c, rootNode, {
      name: fullName(`${county}${def.name}`, 'committee'),
      shortName: `${def.name}党委`,
      kind: 'committee',
      unitCategory: 'township',
      foundedOn: randomDate(rng, 1950, 1985),
      canApprove: 1,
      regionCode: code,
      ethnic: 'cadre',
      address: `新疆${county}${def.name}`,
      employer: def.name,
    });
    // 乡镇机关, 卫生院, 中心学校.
    const inner = townInner[t] ?? 0;
    const parts = inner >= 12 ? splitByWeights(inner, [5, 2, 3], 3) : [inner];
    const innerDefs = [
      { name: '机关', cat: 'township' as UnitCategory, profile: 'township-organ' as PeopleProfile },
      { name: '卫生院', cat: 'institution' as UnitCategory, profile: 'hospital' as PeopleProfile },
      { name: '中心学校', cat: 'school' as UnitCategory, profile: 'school' as PeopleProfile },
    ];
    parts.forEach((size, k) => {
      if (size <= 0) return;
      const d = innerDefs[k]!;
      addUnit(c, { parent: town, prefix: `${def.name}${d.name}`, short: `${def.name}${d.name}`, unitCategory: d.cat, size, profile: d.profile, subName: ordinal, committeeApproves: true, founded: [1980, 2005], extra: { ethnic: 'cadre', employer: `${county}${def.name}${d.name === '机关' ? '人民政府' : d.name}` } });
    });
    const mix = new Weighted(def.villages);
    const n = villagesPerTown[t] ?? 0;
    for (let k = 0; k < n; k++, vi++) {
      villages.push(buildVillage(c, town, def.name, code, k, vnames.take(rng), villageSizes[vi] ?? 6, mix.draw(rng), weakVillage.has(vi)));
    }
    // Now and then a resettlement village whose few members still belong to the old village's
    // branch: a place no party organisation covers, as coverage must show.
    if (t === 0 || rng.chance(0.3)) addVillagePlace(c, town, `${vnames.take(rng)}移民新村`, null, [], mix.draw(rng));
  }

  // ---- streets and communities ----
  const communityCount = Math.min(streetCount * 40, Math.max(streetCount * 2, Math.round((seg.community ?? 0) / 110)));
  const communitySizes = splitByWeights(seg.community ?? 0, jitterWeights(rng, communityCount, 0.4), 8);
  const perStreet = splitByWeights(communityCount, jitterWeights(rng, streetCount, 0.2), 1);
  const streetInner = splitByWeights(seg.street ?? 0, jitterWeights(rng, streetCount, 0.2));
  const cnames = communityNames();
  const communities: Unit[] = [];
  let ci = 0;
  for (let s = 0; s < streetCount; s++) {
    const sname = STREETS[s] as string;
    const code = `${COUNTY_REGION}${String(s + 1).padStart(3, '0')}000`;
    const street = addOrg(c, rootNode, {
      name: fullName(`${county}${sname}`, 'working-committee'),
      shortName: `${sname}党工委`,
      kind: 'working-committee',
      unitCategory: 'street',
      foundedOn: randomDate(rng, 2005, 2015),
      canApprove: 1,
      regionCode: code,
      ethnic: 'cadre',
      address: `新疆${county}${sname}`,
      employer: `${county}${sname}办事处`,
    });
    if ((streetInner[s] ?? 0) > 0) {
      addUnit(c, { parent: street, prefix: `${sname}机关`, short: `${sname}机关`, unitCategory: 'street', size: streetInner[s] ?? 0, profile: 'township-organ', subName: ordinal, committeeApproves: true, founded: [2005, 2016], extra: { ethnic: 'cadre' } });
    }
    const n = perStreet[s] ?? 0;
    for (let k = 0; k < n; k++, ci++) {
      communities.push(buildCommunity(c, street, sname, code, k, cnames.take(rng), communitySizes[ci] ?? 8, rng.chance(0.03)));
    }
  }

  // ---- 县直机关工委: organs and state-owned enterprises ----
  const organsWc = addOrg(c, rootNode, {
    name: fullName(`${county}直属机关`, 'working-committee'),
    shortName: `${lvl}直机关工委`,
    kind: 'working-committee',
    unitCategory: 'organ',
    foundedOn: randomDate(rng, 1984, 1992),
    canApprove: 1,
    ethnic: 'cadre',
  });
  const organTotal = seg.organ ?? 0;
  const organCount = Math.min(ORGANS.length, Math.max(6, Math.round(organTotal / 30)));
  const organList = ORGANS.slice(0, organCount);
  const organSizes = splitByWeights(organTotal, organList.map((o) => o.weight * (0.7 + rng.next() * 0.6)), 3);
  organList.forEach((o: OrganDef, i) => {
    const size = organSizes[i] ?? 0;
    if (size <= 0) return;
    const name = `${lvl}${o.name}`;
    const cat: UnitCategory = o.profile === 'institution' ? 'institution' : 'organ';
    const police = o.profile === 'police';
    addUnit(c, {
      parent: organsWc,
      prefix: `${county}${o.name}`,
      short: name,
      unitCategory: cat,
      size,
      profile: o.profile,
      subName: police ? (k) => POLICE_UNITS[k] ?? `派出所${ordinal(k)}` : (k) => `机关${ordinal(k)}`,
      committeeApproves: true,
      retiredSub: o.profile !== 'retired' && size > 60,
      founded: [1980, 2005],
      extra: { ethnic: 'cadre', employer: `${county}${o.name.replace(/离退休干部$/, '')}` },
    });
  });
  const soeTotal = seg.soe ?? 0;
  const soeCount = Math.min(SOES.length, Math.max(1, Math.round(soeTotal / 25)));
  splitByWeights(soeTotal, jitterWeights(rng, soeCount, 0.3), 3).forEach((size, i) => {
    if (size <= 0) return;
    const n = SOES[i] as string;
    addUnit(c, { parent: organsWc, prefix: `${county}${n}`, short: `${lvl}${n.replace(/有限(责任)?公司$/, '')}`, unitCategory: 'soe', size, profile: 'soe', subName: (k) => ordinal(k), committeeApproves: true, founded: [1995, 2015], extra: { ethnic: 'urban', employer: `${county}${n}` } });
  });

  // ---- schools ----
  const edu = addOrg(c, rootNode, {
    name: fullName(`${county}教育系统`, 'committee'),
    shortName: `${lvl}教育系统党委`,
    kind: 'committee',
    unitCategory: 'school',
    foundedOn: randomDate(rng, 1985, 1995),
    canApprove: 1,
    ethnic: 'cadre',
  });
  const schoolTotal = seg.school ?? 0;
  const schoolCount = Math.min(SCHOOLS.length, Math.max(2, Math.round(schoolTotal / 30)));
  const schoolList = SCHOOLS.slice(0, schoolCount);
  splitByWeights(schoolTotal, schoolList.map((s) => s.weight * (0.8 + rng.next() * 0.4)), 3).forEach((size, i) => {
    const s = schoolList[i]!;
    if (size <= 0) return;
    const sub = ['小学部', '初中部', '高中部', '行政后勤'];
    addUnit(c, { parent: edu, prefix: `${county}${s.name}`, short: `${lvl}${s.name}`, unitCategory: 'school', size, profile: 'school', subName: (k) => (k < sub.length ? (sub[k] as string) : `教师${ordinal(k)}`), committeeApproves: true, retiredSub: size > 60, founded: [1955, 2005], extra: { ethnic: 'cadre', employer: `${county}${s.name}` } });
  });

  // ---- the hospital ----
  const hospitalSize = seg.hospital ?? 0;
  if (hospitalSize > 0) {
    addUnit(c, {
      parent: rootNode,
      prefix: `${county}人民医院`,
      short: `${lvl}人民医院`,
      unitCategory: 'institution',
      size: hospitalSize,
      profile: 'hospital',
      subName: (k) => (HOSPITAL_BRANCHES[k] ?? `临床${ordinal(k)}`).replace(/党支部$/, ''),
      committeeApproves: true,
      founded: [1956, 1962],
      branchMax: 40,
      generalMax: 40, // a hospital of any size has a 党委
      extra: { ethnic: 'cadre', employer: `${county}人民医院` },
    });
  }

  // ---- 两新组织: enterprises (branches and 联合党支部) and social organisations ----
  const twoNew = addOrg(c, rootNode, {
    name: fullName(`${county}非公有制经济组织和社会组织`, 'committee'),
    shortName: `${lvl}两新组织党委`,
    kind: 'committee',
    unitCategory: 'private',
    foundedOn: randomDate(rng, 2008, 2014),
    canApprove: 1,
    ethnic: 'urban',
  });
  const twoNewTotal = seg['two-new'] ?? 0;
  const [privTotal = 0, socialTotal = 0] = splitByWeights(twoNewTotal, [4, 1]);
  const addTwoNew = (total: number, social: boolean): void => {
    // Units of 1–40 members; those under 3 are joined into 联合党支部 of about a dozen.
    let left = total;
    const small: { name: string; size: number }[] = [];
    const jointAreas = social ? ['社会组织', '律师行业', '物业服务行业'] : ['工业园区非公企业', '城区商贸企业', '准东园区非公企业', '个体工商户'];
    let joint = 0;
    const flushJoint = (force: boolean): void => {
      const sum = small.reduce((a, s) => a + s.size, 0);
      if (sum === 0 || (!force && sum < 12)) return;
      const area = `${jointAreas[joint % jointAreas.length]}${ordinal(Math.floor(joint / jointAreas.length))}`;
      joint++;
      addUnit(c, { parent: twoNew, prefix: `${county}${area}联合`, short: `${area}`, unitCategory: social ? 'social-org' : 'private', size: sum, profile: social ? 'social' : 'private', subName: ordinal, committeeApproves: true, smallKind: 'joint-branch', branchMax: 1e9, founded: [2010, 2023], extra: { ethnic: 'urban', employer: small.map((s) => s.name).join('、').slice(0, 90) } });
      small.length = 0;
    };
    while (left > 0) {
      const size = Math.min(left, rng.chance(0.45) ? rng.int(1, 2) : rng.around(14, 8, 3, 60));
      left -= size;
      const name = social ? socialOrgName(rng, county) : enterpriseName(rng);
      if (size < 3) {
        small.push({ name, size });
        flushJoint(false);
        continue;
      }
      const short = name.replace(/^新疆/, '').replace(/有限(责任)?公司$/, '公司');
      addUnit(c, { parent: twoNew, prefix: name, short, unitCategory: social ? 'social-org' : 'private', size, profile: social ? 'social' : 'private', subName: ordinal, committeeApproves: true, founded: [2005, 2023], extra: { ethnic: 'urban', employer: name } });
    }
    flushJoint(true);
  };
  addTwoNew(privTotal, false);
  addTwoNew(socialTotal, true);

  // Enterprise names may repeat (two 天康煤业): keep short names unique, as clerks would.
  const seen = new Map<string, number>();
  for (const o of c.orgs) {
    if (o.kind === 'group') continue;
    const n = (seen.get(o.shortName) ?? 0) + 1;
    seen.set(o.shortName, n);
    if (n > 1) {
      o.shortName = o.shortName.replace(/(党支部|党总支|党委)$/, `（${chineseNumber(n)}）$1`);
      o.name = o.name.replace(/(支部委员会|总支部委员会|委员会)$/, `（${chineseNumber(n)}）$1`);
    }
  }

  return {
    county,
    lvl,
    root: rootNode,
    orgs: c.orgs,
    grids: c.grids,
    gridChanges: c.gridChanges,
    branches: c.branches,
    villages,
    communities,
    communityLeafGrids: c.grids.filter((g) => g.dissolvedOn === null && (g.kind === 'building' || g.kind === 'estate' || g.kind === 'lane')).map((g) => g.id),
  };
}

function addOrgShell(root: { id: string; path: string; name: string }): Omit<OrgNode, 'parent' | 'children' | 'size' | 'profile' | 'ethnic' | 'unit' | 'homeGrids' | 'address' | 'employer'> {
  return {
    id: root.id, parentId: null, path: root.path, depth: root.path.split('/').length - 3, name: root.name, shortName: root.name,
    kind: 'local-committee', unitCategory: null, foundedOn: null, approvedByOrgId: null, secretaryMemberId: null,
    contactPerson: null, phone: null, canApprove: 1, regionCode: null, termElectedOn: null, termYears: null,
    termExtendedTo: null, stars: null, weak: 0, rectificationStatus: null, rectificationMeasures: null, venueArea: null,
    venueBuiltYear: null, venueFunds: null, liaisonLeader: null, sortOrder: 0,
  };
}

/** "中共阜康市委员会" → 阜康市; a unit name like "阜康市委组织部" → 阜康市; otherwise 阜康市. */
export function countyNameOf(name: string): string {
  const m = /^(?:中共|中国共产党)?(.{1,12}?[县市区旗])(?:委员会|委)/.exec(name) ?? /^(.{1,12}?[县市区旗])/.exec(name);
  return m?.[1] && !/^某/.test(m[1]) ? m[1] : '阜康市';
}
