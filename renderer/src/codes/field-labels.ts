import { auditFieldLabel } from '../../../shared/audit/labels.js';

/** Chinese name of a member's field, for messages (every entity's labels: shared/audit/labels.ts). */
export const fieldLabel = (f: string): string => auditFieldLabel('member', f) ?? f;
