import type { Role } from './roles.js';

/** Records as the contract carries them (camelCase; dates ISO text; booleans real). */

/**
 * An organisation's current record. Its dated facts (班子成员, 换届, 星级, 软弱涣散 and 整顿, moves,
 * former names) are records of their own (shared/contract/org.ts); the secretary shown everywhere
 * comes from the officer records.
 */
export interface Org {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  shortName: string | null;
  kind: string;
  unitCategory: string | null;
  foundedOn: string | null;
  approvedByOrgId: string | null;
  contactPerson: string | null;
  phone: string | null;
  canApprove: boolean;
  regionCode: string | null;
  venueArea: number | null;
  venueBuiltYear: number | null;
  venueFunds: number | null;
  liaisonLeader: string | null;
  dissolvedOn: string | null;
  dissolvedReason: string | null;
  /** The branch this one was merged into (it was dissolved on that date). */
  mergedIntoId: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrgTreeNode {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  unitCategory: string | null;
  dissolvedOn: string | null;
  depth: number;
  /** Active members whose branch is this organisation today; null in a tree of a past date. */
  memberCount: number | null;
  /** 换届 on the tree's date: 'due' 应换届, 'overdue' 超期未换届, else null. */
  term: 'due' | 'overdue' | null;
  /** Structure warnings (codes of shared/domain/org-rules.ts). */
  warnings: string[];
}

/**
 * org.treeColumns: the same tree as one array per field, index i being one organisation (in tree
 * order), so 30,000 organisations cross the worker port and HTTP as a dozen arrays, not 30,000 objects.
 */
export interface OrgTreeColumns {
  ids: string[];
  /** The parent's index in these arrays; its id when it is outside them (a scoped user's top node); null for none. */
  parents: (number | string | null)[];
  names: string[];
  shortNames: (string | null)[];
  kinds: string[];
  unitCategories: (string | null)[];
  dissolvedOn: (string | null)[];
  depths: number[];
  memberCounts: (number | null)[];
  terms: ('due' | 'overdue' | null)[];
  /** Only the organisations with structure warnings: [index, codes]. */
  warned: [number, string[]][];
}

/** An organisation found by org.search, with the names above it (from the caller's scope down). */
export interface OrgHit {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  dissolvedOn: string | null;
  /** Short names (else names) of the organisations above it, outermost first, within the caller's scope. */
  above: string[];
}

export interface Member {
  id: string;
  idNumber: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  nativePlace: string | null;
  education: string | null;
  degree: string | null;
  category: 'formal' | 'probationary';
  joinedOn: string | null;
  confirmedOn: string | null;
  orgId: string;
  orgName?: string;
  partyPost: string | null;
  jobCategory: string | null;
  employerPost: string | null;
  techTitle: string | null;
  newStratum: string | null;
  migrantWorker: boolean;
  phone: string | null;
  householdReg: string | null;
  residence: string | null;
  gridId: string | null;
  dutyPost: string | null;
  modelHousehold: boolean;
  mobile: boolean;
  mobilePlace: string | null;
  mobileSince: string | null;
  lostContact: boolean;
  lostSince: string | null;
  lostCircumstance: string | null;
  hardship: boolean;
  partyAgeAdjustMonths: number;
  status: 'active' | 'left';
  leftOn: string | null;
  leftReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MemberEvent {
  id: string;
  memberId: string;
  kind: string;
  onDate: string;
  orgId: string | null;
  otherParty: string | null;
  note: string | null;
  createdAt: string;
  /** shared/domain/member-history.ts EventData; a 更正 record's: what was mended, from, to, why. */
  data: Record<string, unknown> | null;
}

/** The member record page and the printed 一人一档 (member.record). */
export interface MemberRecord {
  member: Member;
  /** The member's organisation and those above it, from the county down. */
  orgPath: { id: string; name: string }[];
  /** The registered grid unit (在职党员到社区报到) and those above it, from the top down. */
  gridPath: string[];
  /** Events and 更正 records, in the history's order (更正 records by when they were made). */
  events: MemberEvent[];
  /** Names of the organisations the events name. */
  orgNames: Record<string, string>;
  /** Where the history starts: 'none', or the state of a record begun before the ledger. */
  opening: { status: string; category: string; joinedOn: string | null; confirmedOn: string | null };
  /** The state the history gives now: status (member-history.ts MemberStatus) and the probation. */
  state: { status: string; extensionMonths: number; probationEnds: string | null };
  /** Rule warnings of the history (R12 …), and why it cannot be replayed if it cannot (old data). */
  warnings: string[];
  problem: string | null;
  /** The day the ages and 党龄 are counted on. */
  today: string;
}

/** An organisation that can receive a member's relation (member.transfer). */
export interface ReceivingOrg {
  id: string;
  name: string;
  shortName: string | null;
  /** The 基层党委 / 党工委 it lies under (for telling same-named branches apart). */
  under: string | null;
}

export interface DevPerson {
  id: string;
  idNumber: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  education: string | null;
  jobCategory: string | null;
  phone: string | null;
  employer: string | null;
  orgId: string;
  stage: 'applicant' | 'activist' | 'candidate' | 'probationary' | 'formal' | 'stopped';
  memberId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DevStep {
  id: string;
  personId: string;
  step: string;
  onDate: string;
  data: Record<string, unknown> | null;
  /** Rule warnings the step raised and the reason given for each to go ahead. */
  findings: { ruleId: string; message: string; severity: 'warning'; reason: string }[] | null;
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: string;
  scopeOrgName?: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  batchId: string | null;
  /** The organisation the row concerns (its subtree's administrators may read it). */
  orgId: string | null;
}

/** A page of the audit log with the names of the ids its rows mention, as far as the caller may see them. */
export interface AuditLogPage extends Page<AuditEntry> {
  names: Record<string, string>;
}

export interface Session {
  user: User;
  unitName: string;
  schemaVersion: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}
