/**
 * Records every write in Airlock's audit log, around the handlers rather than inside each
 * service, so no write path can forget it: which methods write is one table
 * (services/audit/audit-policy.ts) over the whole API.
 */
import type { MethodName, MethodParams, MethodResult } from '../shared/api';
import { isAppError } from '../shared/errors';
import type { Handler, Handlers } from './dispatch';
import type { AuditLog, AuditPolicy, AuditRule, AuditedWrite } from './services/audit';

/** Where a write went: the active profile, its account and region, and the environment once there are several. */
export interface AuditWhere {
  readonly profile: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly environment: string | null;
}

export interface AuditDeps {
  readonly policy: AuditPolicy;
  readonly log: AuditLog;
  readonly where: () => Promise<AuditWhere>;
}

const nowhere: AuditWhere = { profile: null, account: null, region: null, environment: null };

/** A write the production guard stopped before it was tried is not a write. */
const notAttempted = new Set(['CONFIRMATION_REQUIRED', 'INVALID_INPUT']);

function audited<M extends MethodName>(name: M, handler: Handler<M>, rule: AuditRule<M>, deps: AuditDeps): Handler<M> {
  const record = async (where: AuditWhere, writes: readonly AuditedWrite[]) => {
    await Promise.all(
      writes.map((write) =>
        deps.log.append({
          action: name,
          target: write.target,
          ...where,
          outcome: write.outcome ?? 'ok',
          errorCode: write.errorCode ?? null,
          note: write.note ?? null,
        }),
      ),
    );
  };
  return async (params: MethodParams<M>, ctx) => {
    // The profile in use when the write started; a failure to read it must not stop the write.
    const where = await deps.where().catch(() => nowhere);
    let result: MethodResult<M>;
    try {
      result = await handler(params, ctx);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'INTERNAL';
      if (!notAttempted.has(code)) await record(where, [{ target: rule.target(params), outcome: code === 'CANCELLED' ? 'cancelled' : 'failed', errorCode: code }]);
      throw error;
    }
    await record(where, rule.done(params, result));
    return result;
  };
}

export function withAudit(handlers: Handlers, deps: AuditDeps): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const name of Object.keys(deps.policy) as MethodName[]) {
    const rule = deps.policy[name];
    if (rule === 'read' || rule === 'preference') continue;
    // The table is keyed by method name; the casts pair a method's handler with its own rule.
    wrapped[name] = audited(name, handlers[name] as Handler<MethodName>, rule as AuditRule<MethodName>, deps);
  }
  return wrapped as unknown as Handlers;
}
