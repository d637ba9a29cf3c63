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
  /**
   * County-wide calls (settings, whole-ledger backups and restores): only a user whose scope is the
   * root organisation may make them, whatever the role; an administrator of a township is refused.
   */
  readonly countyWide: boolean;
  readonly __output?: O;
}

export interface CallOptions {
  countyWide?: boolean;
}

/** A read: any logged-in role unless narrowed. */
export function query<O>() {
  return <I extends z.ZodType>(input: I, summary: string, role: MethodDef['role'] = 'viewer', opts: CallOptions = {}): MethodDef<I, O> & { readonly write: false; readonly host: false } => ({
    input,
    write: false,
    host: false,
    role,
    summary,
    countyWide: opts.countyWide ?? false,
  });
}

/** A write: validated, authorised, one transaction, one audit row per changed entity. */
export function command<O>() {
  return <I extends z.ZodType>(input: I, summary: string, role: MethodDef['role'] = 'clerk', opts: CallOptions = {}): MethodDef<I, O> & { readonly write: true; readonly host: false } => ({
    input,
    write: true,
    host: false,
    role,
    summary,
    countyWide: opts.countyWide ?? false,
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
    countyWide: false,
  });
}
