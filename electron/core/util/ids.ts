import { v7 } from 'uuid';

/** Time-ordered ids: records from different units merge without clashes and index well. */
export const newId = (): string => v7();
