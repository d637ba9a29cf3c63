import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables (camelCase through CamelCasePlugin; see migrations for the SQL). */

type Text = string | null;
type Num = number | null;
/** SQLite booleans are 0/1. */
type Bool = 0 | 1;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrgsTable {
  id: string;
  parentId: Text;
  path: string;
  depth: number;
  name: string;
  shortName: Text;
  kind: string;
  unitCategory: Text;
  foundedOn: Text;
  approvedByOrgId: Text;
  contactPerson: Text;
  phone: Text;
  canApprove: Bool;
  regionCode: Text;
  venueArea: Num;
  venueBuiltYear: Num;
  venueFunds: Num;
  liaisonLeader: Text;
  dissolvedOn: Text;
  dissolvedReason: Text;
  /** Migration 016: the branch a merged one was absorbed into. */
  mergedIntoId: Text;
  sortOrder: number;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
  /** Migration 015: pinyin initials of the name and the short name, space-separated (filled by triggers). */
  initials: Generated<Text>;
}

export interface OrgNamesTable {
  id: string;
  orgId: string;
  name: string;
  shortName: Text;
  validFrom: Text;
  validTo: string;
}

export interface OrgOfficersTable {
  id: string;
  orgId: string;
  memberId: Text;
  name: string;
  post: string;
  fromDate: Text;
  toDate: Text;
  endReason: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

export interface OrgRatingsTable {
  id: string;
  orgId: string;
  year: number;
  stars: Num;
  weak: Bool;
  note: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Migration 016: each 换届 with its term and approved extension. */
export interface OrgElectionsTable {
  id: string;
  orgId: string;
  electedOn: string;
  termYears: number;
  extendedTo: Text;
  extensionApprovedBy: Text;
  extensionApprovedOn: Text;
  note: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Migration 016: the 整顿 of a year's 软弱涣散 designation; its status on a date comes from the dates. */
export interface OrgRectificationsTable {
  id: string;
  orgId: string;
  year: number;
  /** JSON array of shared/codes/org-records.ts WEAK_CAUSES. */
  causes: string;
  measures: Text;
  leader: Text;
  startedOn: Text;
  rectifiedOn: Text;
  closedOn: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Migration 016: dated changes of parent_id (moves), kind and unit_category. */
export interface OrgChangesTable {
  id: string;
  orgId: string;
  onDate: string;
  field: 'parent_id' | 'kind' | 'unit_category';
  oldValue: Text;
  newValue: Text;
  reason: Text;
  createdAt: string;
}

export interface GridsTable {
  id: string;
  parentId: Text;
  path: string;
  name: string;
  kind: string;
  orgId: Text;
  ownerOrgId: Text;
  leader: Text;
  workers: Text;
  households: Num;
  population: Num;
  buildingLeader: Text;
  dissolvedOn: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
  /** Migration 017: 设立日期, 撤销原因, pinyin initials of the name. */
  foundedOn: Text;
  dissolvedReason: Text;
  initials: Text;
}

/** Migration 017: dated records of a grid unit's life (shared/domain/grid-rules.ts GRID_CHANGE_KINDS). */
export interface GridChangesTable {
  id: string;
  gridId: string;
  kind: string;
  onDate: string;
  name: Text;
  parentId: Text;
  ownerOrgId: Text;
  orgId: Text;
  reason: Text;
  importBatchId: Text;
  createdAt: string;
}

/** Migration 017: 在职党员到社区报到, dated (toDate: the day it ended, not counted). */
export interface GridRegistrationsTable {
  id: string;
  memberId: string;
  gridId: string;
  fromDate: Text;
  toDate: Text;
  importBatchId: Text;
  createdAt: string;
}

export interface MembersTable {
  id: string;
  idNumber: string;
  name: string;
  gender: Text;
  ethnicity: Text;
  birthDate: Text;
  nativePlace: Text;
  education: Text;
  degree: Text;
  category: 'formal' | 'probationary';
  joinedOn: Text;
  confirmedOn: Text;
  orgId: string;
  partyPost: Text;
  jobCategory: Text;
  employerPost: Text;
  techTitle: Text;
  newStratum: Text;
  migrantWorker: Bool;
  phone: Text;
  householdReg: Text;
  residence: Text;
  gridId: Text;
  gridRegisteredOn: Text;
  dutyPost: Text;
  modelHousehold: Bool;
  mobile: Bool;
  mobilePlace: Text;
  mobileSince: Text;
  lostContact: Bool;
  lostSince: Text;
  lostCircumstance: Text;
  hardship: Bool;
  partyAgeAdjustMonths: number;
  status: 'active' | 'left';
  leftOn: Text;
  leftReason: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
  /** Migration 015: pinyin initials of the name (filled by triggers when not given). */
  initials: Generated<Text>;
}

export interface MemberEventsTable {
  id: string;
  memberId: string;
  kind: string;
  onDate: string;
  orgId: Text;
  otherParty: Text;
  note: Text;
  importBatchId: Text;
  createdAt: string;
  /** Migration 012: JSON, shared/domain/member-history.ts EventData (a 更正 record: CorrectionData). */
  data: Text;
}

export interface DevPeopleTable {
  id: string;
  idNumber: string;
  name: string;
  gender: Text;
  ethnicity: Text;
  birthDate: Text;
  education: Text;
  jobCategory: Text;
  phone: Text;
  employer: Text;
  orgId: string;
  stage: string;
  memberId: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

export interface DevStepsTable {
  id: string;
  personId: string;
  step: string;
  onDate: string;
  /** JSON */
  data: Text;
  /** JSON: the rule warnings the step raised, each with the reason given (migration 014). */
  findings: Text;
  importBatchId: Text;
  createdAt: string;
}

/** A step an administrator took out as wrong, kept whole (migration 014). */
export interface DevStepCorrectionsTable {
  id: string;
  personId: string;
  stepId: string;
  step: string;
  onDate: string;
  data: Text;
  findings: Text;
  stepCreatedAt: string;
  reason: string;
  userId: string;
  createdAt: string;
}

export interface ReservesTable {
  id: string;
  idNumber: string;
  /** Null when linked (memberId / devPersonId): the person's values are read from there (migration 010). */
  name: Text;
  gender: Text;
  birthDate: Text;
  ethnicity: Text;
  education: Text;
  major: Text;
  politicalStatus: Text;
  villageOrgId: string;
  source: Text;
  currentPost: Text;
  direction: Text;
  mentor: Text;
  stage: string;
  enteredPoolOn: Text;
  assessment: Text;
  exitKind: Text;
  exitOn: Text;
  exitPost: Text;
  exitReason: Text;
  devPersonId: Text;
  memberId: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Dated facts of a reserve (migration 010): stage moves, measures, rotations, mentors, assessments, negatives. */
export interface ReserveRecordsTable {
  id: string;
  reserveId: string;
  kind: string;
  stage: Text;
  onDate: string;
  content: Text;
  post: Text;
  reason: Text;
  code: Text;
  /** JSON: the checks that warned when the record was written. */
  findings: Text;
  voidedAt: Text;
  voidReason: Text;
  importBatchId: Text;
  createdAt: string;
}

export interface TeamMembersTable {
  id: string;
  villageOrgId: string;
  name: string;
  idNumber: Text;
  role: string;
  dispatchingUnit: Text;
  dispatchingLevel: Text;
  villageType: Text;
  batch: Text;
  memberId: Text;
  fromDate: Text;
  toDate: Text;
  /** Migration 012: the day the cadre left before the term's end (not in post from then on). */
  endedOn: Text;
  endKind: 'recall' | 'rotation' | null;
  endReason: Text;
  /** Migration 012: 参加工作日期; 人员类别 and 转正日期 as entered for cadres without a member record. */
  workStartedOn: Text;
  partyCategory: 'formal' | 'probationary' | 'none' | null;
  partyConfirmedOn: Text;
  funds: Num;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

export interface TeamMonthsTable {
  id: string;
  teamMemberId: string;
  month: string;
  daysInVillage: number;
  logCount: number;
  /** Migration 012. */
  visitCount: number;
  importBatchId: Text;
  createdAt: string;
  updatedAt: Text;
}

/** Migration 012: leave (请假) of a cadre; approved once approvedBy is set. */
export interface TeamLeavesTable {
  id: string;
  teamMemberId: string;
  fromDate: string;
  toDate: string;
  reason: Text;
  approvedBy: Text;
  approvedOn: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Migration 012. */
export interface TeamTrainingsTable {
  id: string;
  teamMemberId: string;
  onDate: string;
  topic: string;
  hours: Num;
  createdAt: string;
  updatedAt: string;
}

export interface TeamGradesTable {
  id: string;
  teamMemberId: string;
  year: number;
  grade: string;
  /** Migration 012. */
  note: Text;
  createdAt: string;
}

export interface MeetingsTable {
  id: string;
  orgId: string;
  kind: string;
  heldOn: string;
  topic: Text;
  attendees: Num;
  absentees: Num;
  note: Text;
  importBatchId: Text;
  createdAt: string;
  updatedAt: string;
}

/** Migration 012: who attended a meeting (present = 1) or was absent, with the reason. */
export interface MeetingAttendanceTable {
  id: string;
  meetingId: string;
  memberId: string;
  present: Bool;
  reason: Text;
  importBatchId: Text;
  createdAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'clerk' | 'viewer';
  scopeOrgId: string;
  active: Bool;
  createdAt: string;
  updatedAt: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  userId: Text;
  username: Text;
  method: string;
  entity: string;
  entityId: Text;
  before: Text;
  after: Text;
  batchId: Text;
  /** Migration 011: the organisation the row concerns; its subtree's administrators may read it. */
  orgId: Text;
  /** Migration 015: the change set (one paste, one bulk action) the row belongs to. */
  changeId: Generated<Text>;
}

/** Migration 015: one user action over many records, undone as a whole (core/changes/). */
export interface ChangeSetsTable {
  id: string;
  userId: string;
  method: string;
  at: string;
  summary: string;
  entity: string;
  count: number;
  orgId: Text;
  undoOf: Text;
  undoneBy: Text;
}

export interface ImportBatchesTable {
  id: string;
  kind: string;
  senderOrgId: Text;
  userId: Text;
  files: string;
  counts: string;
  status: 'committed' | 'undone';
  createdAt: string;
  undoneAt: Text;
}

export interface ImportBatchItemsTable {
  id: string;
  batchId: string;
  entity: string;
  entityId: string;
  action: 'create' | 'update';
  before: Text;
  after: Text;
}

export interface ImportMappingsTable {
  id: string;
  senderKey: string;
  kind: string;
  mapping: string;
  updatedAt: string;
}

/** Migration 006: members rows updated or deleted, for the statistics member store. */
export interface MemberChangesTable {
  rid: number;
  seq: number;
}

/** Migration 006: update/delete counters of the tables statistics read. */
export interface TableChangesTable {
  tbl: string;
  n: number;
}

export interface DB {
  settings: SettingsTable;
  orgs: OrgsTable;
  orgNames: OrgNamesTable;
  orgOfficers: OrgOfficersTable;
  orgRatings: OrgRatingsTable;
  orgElections: OrgElectionsTable;
  orgRectifications: OrgRectificationsTable;
  orgChanges: OrgChangesTable;
  grids: GridsTable;
  gridChanges: GridChangesTable;
  gridRegistrations: GridRegistrationsTable;
  members: MembersTable;
  memberEvents: MemberEventsTable;
  devPeople: DevPeopleTable;
  devSteps: DevStepsTable;
  devStepCorrections: DevStepCorrectionsTable;
  reserves: ReservesTable;
  reserveRecords: ReserveRecordsTable;
  teamMembers: TeamMembersTable;
  teamMonths: TeamMonthsTable;
  teamGrades: TeamGradesTable;
  teamLeaves: TeamLeavesTable;
  teamTrainings: TeamTrainingsTable;
  meetings: MeetingsTable;
  meetingAttendance: MeetingAttendanceTable;
  users: UsersTable;
  auditLog: AuditLogTable;
  importBatches: ImportBatchesTable;
  importBatchItems: ImportBatchItemsTable;
  importMappings: ImportMappingsTable;
  memberChanges: MemberChangesTable;
  tableChanges: TableChangesTable;
  changeSets: ChangeSetsTable;
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrgRow = Insertable<OrgsTable>;
export type OrgUpdate = Updateable<OrgsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMemberRow = Insertable<MembersTable>;
export type UserRow = Selectable<UsersTable>;
