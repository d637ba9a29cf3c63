import { appApi } from './app.js';
import { orgApi } from './org.js';
import { memberApi } from './member.js';
import { gridApi } from './grid.js';
import { pipelineApi } from './pipeline.js';
import { reserveApi } from './reserve.js';
import { teamApi } from './team.js';
import { meetingApi } from './meeting.js';
import { auditApi, userApi } from './admin.js';
import { backupApi } from './backup.js';
import { statsApi } from './stats.js';
import { importApi } from './imports.js';
import { exportApi } from './exports.js';
import { changeApi } from './change.js';
import type { z } from 'zod';
import type { MethodDef } from './define.js';

/** Every call of the ledger, declared once. Hosts, core and renderer derive from this object. */
export const api = {
  ...appApi,
  ...orgApi,
  ...memberApi,
  ...gridApi,
  ...pipelineApi,
  ...reserveApi,
  ...teamApi,
  ...meetingApi,
  ...userApi,
  ...auditApi,
  ...backupApi,
  ...exportApi,
  ...importApi,
  ...statsApi,
  ...changeApi,
} as const satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type Method = keyof Api;
export type Input<K extends Method> = z.input<Api[K]['input']>;
export type ParsedInput<K extends Method> = z.output<Api[K]['input']>;
export type Output<K extends Method> = Api[K] extends MethodDef<z.ZodType, infer O> ? O : never;

type HostKeys<T> = { [K in keyof T]: T[K] extends { host: true } ? K : never }[keyof T];
export type HostMethod = Extract<HostKeys<Api>, Method>;
export type CoreMethod = Exclude<Method, HostMethod>;

export const METHODS = Object.keys(api) as Method[];
export const isMethod = (name: string): name is Method => Object.hasOwn(api, name);

export * from './envelope.js';
export type { MethodDef } from './define.js';
