import { sql, type Kysely } from 'kysely';

/**
 * The whole domain of DOMAIN.md in one first schema, so later features extend rather than fight.
 * Ids are UUIDv7 text; dates ISO text ('YYYY-MM' allowed where imports only know the month);
 * booleans 0/1; trees keep parent_id plus a materialised path of ids ('/a/b/c/') for range scans.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,

    `CREATE TABLE orgs (
      id TEXT PRIMARY KEY,
      parent_id TEXT REFERENCES orgs(id),
      path TEXT NOT NULL UNIQUE,
      depth INTEGER NOT NULL,
      name TEXT NOT NULL,
      short_name TEXT,
      kind TEXT NOT NULL,
      unit_category TEXT,
      founded_on TEXT,
      approved_by_org_id TEXT REFERENCES orgs(id),
      secretary_member_id TEXT,
      contact_person TEXT,
      phone TEXT,
      can_approve INTEGER NOT NULL DEFAULT 0,
      region_code TEXT,
      term_elected_on TEXT,
      term_years INTEGER,
      term_extended_to TEXT,
      stars INTEGER CHECK (stars BETWEEN 1 AND 5),
      weak INTEGER NOT NULL DEFAULT 0,
      rectification_status TEXT,
      rectification_measures TEXT,
      venue_area REAL,
      venue_built_year INTEGER,
      venue_funds REAL,
      liaison_leader TEXT,
      dissolved_on TEXT,
      dissolved_reason TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX orgs_parent ON orgs(parent_id)`,
    `CREATE INDEX orgs_name ON orgs(name)`,
    `CREATE INDEX orgs_short_name ON orgs(short_name)`,
    // 曾用名: every earlier name with the date it stopped being used.
    `CREATE TABLE org_names (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      name TEXT NOT NULL,
      short_name TEXT,
      valid_from TEXT,
      valid_to TEXT NOT NULL
    )`,
    `CREATE INDEX org_names_org ON org_names(org_id)`,
    // 班子成员 with their 党内职务 and dates.
    `CREATE TABLE org_officers (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      member_id TEXT REFERENCES members(id),
      name TEXT NOT NULL,
      post TEXT NOT NULL,
      from_date TEXT,
      to_date TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX org_officers_org ON org_officers(org_id)`,
    // 软弱涣散 rectification and 星级 reviews kept as dated records.
    `CREATE TABLE org_ratings (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      year INTEGER NOT NULL,
      stars INTEGER,
      weak INTEGER NOT NULL DEFAULT 0,
      note TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (org_id, year)
    )`,

    `CREATE TABLE grids (
      id TEXT PRIMARY KEY,
      parent_id TEXT REFERENCES grids(id),
      path TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      org_id TEXT REFERENCES orgs(id),
      owner_org_id TEXT REFERENCES orgs(id),
      leader TEXT,
      workers TEXT,
      households INTEGER,
      population INTEGER,
      building_leader TEXT,
      dissolved_on TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX grids_parent ON grids(parent_id)`,
    `CREATE INDEX grids_org ON grids(org_id)`,

    `CREATE TABLE members (
      id TEXT PRIMARY KEY,
      id_number TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      gender TEXT,
      ethnicity TEXT,
      birth_date TEXT,
      native_place TEXT,
      education TEXT,
      degree TEXT,
      category TEXT NOT NULL CHECK (category IN ('formal','probationary')),
      joined_on TEXT,
      confirmed_on TEXT,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      party_post TEXT,
      job_category TEXT,
      employer_post TEXT,
      tech_title TEXT,
      new_stratum TEXT,
      migrant_worker INTEGER NOT NULL DEFAULT 0,
      phone TEXT,
      household_reg TEXT,
      residence TEXT,
      grid_id TEXT REFERENCES grids(id),
      grid_registered_on TEXT,
      duty_post TEXT,
      model_household INTEGER NOT NULL DEFAULT 0,
      mobile INTEGER NOT NULL DEFAULT 0,
      mobile_place TEXT,
      mobile_since TEXT,
      lost_contact INTEGER NOT NULL DEFAULT 0,
      lost_since TEXT,
      lost_circumstance TEXT,
      hardship INTEGER NOT NULL DEFAULT 0,
      party_age_adjust_months INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','left')),
      left_on TEXT,
      left_reason TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX members_org_name ON members(org_id, status, name)`,
    `CREATE INDEX members_name ON members(name)`,
    `CREATE INDEX members_grid ON members(grid_id)`,
    // Dated status changes; org_id is the organisation the event concerns (joined, left, moved into).
    `CREATE TABLE member_events (
      id TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES members(id),
      kind TEXT NOT NULL,
      on_date TEXT NOT NULL,
      org_id TEXT REFERENCES orgs(id),
      other_party TEXT,
      note TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX member_events_member ON member_events(member_id, on_date)`,
    `CREATE INDEX member_events_date ON member_events(on_date, kind)`,

    `CREATE TABLE dev_people (
      id TEXT PRIMARY KEY,
      id_number TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      gender TEXT,
      ethnicity TEXT,
      birth_date TEXT,
      education TEXT,
      job_category TEXT,
      phone TEXT,
      employer TEXT,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      stage TEXT NOT NULL,
      member_id TEXT REFERENCES members(id),
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX dev_people_org_stage ON dev_people(org_id, stage)`,
    `CREATE TABLE dev_steps (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES dev_people(id),
      step TEXT NOT NULL,
      on_date TEXT NOT NULL,
      data TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX dev_steps_person ON dev_steps(person_id, on_date)`,
    `CREATE INDEX dev_steps_step_date ON dev_steps(step, on_date)`,

    `CREATE TABLE reserves (
      id TEXT PRIMARY KEY,
      id_number TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      gender TEXT,
      birth_date TEXT,
      ethnicity TEXT,
      education TEXT,
      major TEXT,
      political_status TEXT,
      village_org_id TEXT NOT NULL REFERENCES orgs(id),
      source TEXT,
      current_post TEXT,
      direction TEXT,
      mentor TEXT,
      stage TEXT NOT NULL DEFAULT 'recommended',
      entered_pool_on TEXT,
      assessment TEXT,
      exit_kind TEXT,
      exit_on TEXT,
      exit_post TEXT,
      exit_reason TEXT,
      dev_person_id TEXT REFERENCES dev_people(id),
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX reserves_village ON reserves(village_org_id, stage)`,
    // 培养措施 / 岗位锻炼 / 考察 records.
    `CREATE TABLE reserve_records (
      id TEXT PRIMARY KEY,
      reserve_id TEXT NOT NULL REFERENCES reserves(id),
      kind TEXT NOT NULL,
      on_date TEXT NOT NULL,
      content TEXT,
      created_at TEXT NOT NULL
    )`,

    `CREATE TABLE team_members (
      id TEXT PRIMARY KEY,
      village_org_id TEXT NOT NULL REFERENCES orgs(id),
      name TEXT NOT NULL,
      id_number TEXT,
      role TEXT NOT NULL,
      dispatching_unit TEXT,
      dispatching_level TEXT,
      village_type TEXT,
      batch TEXT,
      member_id TEXT REFERENCES members(id),
      from_date TEXT,
      to_date TEXT,
      recalled_on TEXT,
      funds REAL,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX team_members_village ON team_members(village_org_id)`,
    `CREATE TABLE team_months (
      id TEXT PRIMARY KEY,
      team_member_id TEXT NOT NULL REFERENCES team_members(id),
      month TEXT NOT NULL,
      days_in_village INTEGER NOT NULL,
      leave_days INTEGER NOT NULL DEFAULT 0,
      log_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      UNIQUE (team_member_id, month)
    )`,
    `CREATE TABLE team_grades (
      id TEXT PRIMARY KEY,
      team_member_id TEXT NOT NULL REFERENCES team_members(id),
      year INTEGER NOT NULL,
      grade TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (team_member_id, year)
    )`,

    `CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL REFERENCES orgs(id),
      kind TEXT NOT NULL,
      held_on TEXT NOT NULL,
      topic TEXT,
      attendees INTEGER,
      absentees INTEGER,
      note TEXT,
      import_batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX meetings_org_date ON meetings(org_id, held_on)`,

    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin','clerk','viewer')),
      scope_org_id TEXT NOT NULL REFERENCES orgs(id),
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,

    `CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT,
      username TEXT,
      method TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      before TEXT,
      after TEXT,
      batch_id TEXT
    )`,
    `CREATE INDEX audit_entity ON audit_log(entity, entity_id)`,
    `CREATE INDEX audit_at ON audit_log(at)`,

    `CREATE TABLE import_batches (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      sender_org_id TEXT REFERENCES orgs(id),
      user_id TEXT,
      files TEXT NOT NULL,
      counts TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('committed','undone')),
      created_at TEXT NOT NULL,
      undone_at TEXT
    )`,
    // What each batch changed, so undo can restore the before-image exactly.
    `CREATE TABLE import_batch_items (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES import_batches(id),
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('create','update')),
      before TEXT,
      after TEXT
    )`,
    `CREATE INDEX import_batch_items_batch ON import_batch_items(batch_id)`,
    // Column mappings confirmed by a clerk, remembered per sending unit and kind.
    `CREATE TABLE import_mappings (
      id TEXT PRIMARY KEY,
      sender_key TEXT NOT NULL,
      kind TEXT NOT NULL,
      mapping TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (sender_key, kind)
    )`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
