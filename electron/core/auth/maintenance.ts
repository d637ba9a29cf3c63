import type { MethodDef } from '../../../shared/contract/index.js';

/**
 * What the hosts' maintenance operations (outside the contract: worker/protocol.ts AdminOp) ask of
 * the user, checked by Core.authorise like a contract call's role and countyWide. Both act on the
 * whole ledger: `check` reports every table's counts and every user name of the keyring, `demo`
 * fills the county with sample data.
 */
export const MAINTENANCE = {
  check: { summary: '检查台账', role: 'admin', countyWide: true },
  demo: { summary: '生成示例县', role: 'admin', countyWide: true },
} as const satisfies Record<string, Pick<MethodDef, 'role' | 'countyWide' | 'summary'>>;
