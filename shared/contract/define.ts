import type { z } from 'zod';

/**
 * One contract method. `write` decides the transaction kind and auditing in the core;
 * `host` marks calls the host answers itself (unlocking happens before a core exists).
 * The output type is carried as a phantom so the core and the renderer agree without codegen.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly write: boolean;
  readonly host: boolean;
  /** Minimum role for the call; subtree checks happen inside the handler. */
  readonly role: 'viewer' | 'clerk' | 'admin' | 'none';
  readonly summary: string;
  readonly __output?: O;
}

/** A read: any logged-in role unless narrowed. */
export function query<O>() {
  return <I extends z.ZodType>(input: I, summary: string, role: MethodDef['role'] = 'viewer'): MethodDef<I, O> & { readonly write: false; readonly host: false } => ({
    input,
    write: false,
    host: false,
    role,
    summary,
  });
}

/** A write: validated, authorised, one transaction, one audit row per changed entity. */
export function command<O>() {
  return <I extends z.ZodType>(input: I, summary: string, role: MethodDef['role'] = 'clerk'): MethodDef<I, O> & { readonly write: true; readonly host: false } => ({
    input,
    write: true,
    host: false,
    role,
    summary,
  });
}

/** Answered by the host before/around the core: set-up, unlock, lock. */
export function hostCall<O>() {
  return <I extends z.ZodType>(input: I, summary: string): MethodDef<I, O> & { readonly write: false; readonly host: true } => ({
    input,
    write: false,
    host: true,
    role: 'none',
    summary,
  });
}
