/**
 * The organisation that holds a member's relation (所在党支部): a 党小组 is a part of a branch, not a
 * holder; a dissolved organisation takes no one.
 */
export interface OrgFacts {
  kind: string;
  name: string;
  dissolvedOn?: string | null;
}

export function memberOrgProblem(org: OrgFacts): string | null {
  if (org.kind === 'group') return `“${org.name}”是党小组，党员的组织关系应在党支部，请选择其所在的党支部`;
  if (org.dissolvedOn) return `“${org.name}”已于${org.dissolvedOn}撤销，不能接收党员`;
  return null;
}
