import { sql, type Kysely } from 'kysely';

/**
 * member_events.data: what an event holds beyond its date and organisation, as JSON
 * (shared/domain/member-history.ts EventData): 发展's 入党日期 when the event is dated by the
 * 党委审批, 延长预备期's months, the category and dates a 转入 brings, whether the other side of a
 * transfer is outside the county, the record's opening state when its history began before the
 * ledger; and for a 更正 record (kind 'corrected') what was corrected, from what to what, and why.
 * Null for the events written before (their meaning is their kind, date and organisation).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE member_events ADD COLUMN data TEXT`.execute(db);
}
