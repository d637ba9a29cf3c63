/** Escapes LIKE wildcards so a clerk's "_" or "%" matches itself (use with ESCAPE '\'). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => '\\' + c);
