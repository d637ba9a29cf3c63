import type { z } from 'zod';
import { id } from '../../shared/contract/zod.js';

interface Leaf {
  /** Dotted path: 'patch.gridId'; '[]' for an array's items, '*' for a record's values. */
  path: string;
  schema: z.ZodType;
}

/**
 * The fields of an input schema down to their value schemas: wrappers (optional, nullable, default,
 * pipe …) are looked through, nested objects, arrays, records and unions followed.
 */
export function schemaLeaves(schema: z.ZodType, path: string[] = []): Leaf[] {
  if (schema === (id as z.ZodType)) return [{ path: path.join('.'), schema }];
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, s]) => schemaLeaves(s, [...path, k]));
    case 'array':
      return schemaLeaves(def.element, [...path, '[]']);
    case 'record':
      return schemaLeaves(def.valueType, [...path, '*']);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => schemaLeaves(o, path));
    case 'intersection':
      return [...schemaLeaves(def.left, path), ...schemaLeaves(def.right, path)];
    case 'pipe':
      return [...schemaLeaves(def.in, path), ...schemaLeaves(def.out, path)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return schemaLeaves(def.innerType, path);
    case 'lazy':
      throw new Error(`lazy schema at ${path.join('.')}: teach schemaLeaves to follow it`);
    default:
      return [{ path: path.join('.'), schema }];
  }
}

const unique = (paths: string[]): string[] => [...new Set(paths)];

/** Every field holding the contract's `id` schema (shared/contract/zod.ts): a new one shows up here unlisted. */
export function idFieldPaths(schema: z.ZodType): string[] {
  return unique(schemaLeaves(schema).filter((l) => l.schema === (id as z.ZodType)).map((l) => l.path));
}

/** Fields named like an id ('id', '…Id') whatever their schema: they must use `id` or be explained. */
export function idNamedPaths(schema: z.ZodType): string[] {
  return unique(schemaLeaves(schema).map((l) => l.path).filter((p) => /(^|\.)id$|Id$/.test(p)));
}
