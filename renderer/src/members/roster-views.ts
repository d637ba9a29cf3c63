import type { MemberFilter } from './member-datasource.js';

/** A saved roster view: where, what and how a clerk looks at the roster, under a name they give. */
export interface RosterView {
  name: string;
  orgId: string | null;
  status: 'active' | 'left' | 'all';
  filter: MemberFilter;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
  hidden: string[];
}

/**
 * Views are kept in this window's local storage, per user: a view holds no personal data (an
 * organisation id, filter values, column names), and each office machine has its own habits.
 */
const keyOf = (userId: string) => `ledger.roster.views.${userId}`;

export function loadViews(userId: string): RosterView[] {
  try {
    const raw = window.localStorage.getItem(keyOf(userId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as RosterView[]).filter((v) => typeof v?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function saveViews(userId: string, views: readonly RosterView[]): void {
  window.localStorage.setItem(keyOf(userId), JSON.stringify(views));
}

/** Adds or replaces (same name) a view; the list stays in the order views were first saved. */
export function upsertView(views: readonly RosterView[], view: RosterView): RosterView[] {
  const i = views.findIndex((v) => v.name === view.name);
  return i < 0 ? [...views, view] : views.map((v, j) => (j === i ? view : v));
}
