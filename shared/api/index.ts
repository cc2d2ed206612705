/**
 * The one API contract: every method the renderer can call, and every event main can send.
 *
 * Method names are `<domain>.<verb>`. Results travel as `ApiResult<T>` (errors as data).
 */
import type { z } from 'zod';
import type { Invalidation, MethodSpec } from './contract';
import { accessMethods } from './access';
import { appEvents, appMethods } from './app';
import { auditMethods } from './audit';
import { deployEvents, deployMethods } from './deploy';
import { environmentsMethods } from './environments';
import { profilesEvents, profilesMethods } from './profiles';
import { projectsMethods } from './projects';
import { sandboxMethods } from './sandbox';
import { secretsMethods } from './secrets';
import { settingsMethods } from './settings';

export const methods = {
  ...appMethods,
  ...profilesMethods,
  ...secretsMethods,
  ...sandboxMethods,
  ...settingsMethods,
  ...projectsMethods,
  ...deployMethods,
  ...environmentsMethods,
  ...auditMethods,
  ...accessMethods,
} as const;

export const events = {
  ...appEvents,
  ...profilesEvents,
  ...deployEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (before zod defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (after validation). */
export type MethodParams<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> =
  Methods[M] extends MethodSpec<z.ZodType, infer R> ? R : never;
export type EventPayload<E extends EventName> =
  NonNullable<(typeof events)[E]['payloadType']>['value'];

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/**
 * The answers a successful call of `name` makes stale, as declared beside its contract entry.
 * The return type checks every declaration against the contract: a name in an `invalidates`
 * list that is no method fails to compile here.
 */
export function invalidatedBy(name: MethodName): Invalidation<MethodName> {
  return methods[name].invalidates;
}

// Every domain's schemas and types, so that callers import the contract from this one entry.
export * from './access';
export * from './app';
export * from './audit';
export * from './common';
export * from './deploy';
export * from './environments';
export * from './profiles';
export * from './projects';
export * from './sandbox';
export * from './secrets';
export * from './settings';
export type { Invalidation, MethodSpec } from './contract';
