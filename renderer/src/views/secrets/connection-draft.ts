/**
 * The connection editor's state. The exact stored string (`value`) is the one source of truth:
 * the form is a view of it that rewrites it when edited, and raw mode edits it directly. Opening a
 * connection and saving without touching the form therefore writes nothing.
 */
import { connectionFields, parseConnectionSecret, type BackendKwargs, type ConnectionField, type Problem } from '../../../../shared/airflow';
import {
  connectionFromForm,
  emptyConnectionForm,
  formFromConnection,
  storedConnectionString,
  type ConnectionFormState,
  type StorageFormat,
} from '../../../../shared/secrets';

export type EditMode = 'form' | 'raw';

export interface ConnectionDraft {
  readonly value: string;
  readonly form: ConnectionFormState;
  readonly format: StorageFormat;
  readonly mode: EditMode;
}

export function draftFromValue(value: string, kwargs?: BackendKwargs): ConnectionDraft {
  const parsed = parseConnectionSecret(value, kwargs);
  if (!parsed.ok) return { value, form: emptyConnectionForm, format: 'json', mode: 'raw' };
  return { value, form: formFromConnection(parsed.connection), format: parsed.format, mode: 'form' };
}

export function newConnectionDraft(connType = ''): ConnectionDraft {
  const form = { ...emptyConnectionForm, connType };
  const made = connectionFromForm(form);
  return { value: made.ok ? storedConnectionString(made.connection, 'json') : '', form, format: 'json', mode: 'form' };
}

export function withForm(draft: ConnectionDraft, form: ConnectionFormState): ConnectionDraft {
  const made = connectionFromForm(form);
  return made.ok ? { ...draft, form, value: storedConnectionString(made.connection, draft.format) } : { ...draft, form };
}

export function withFormat(draft: ConnectionDraft, format: StorageFormat): ConnectionDraft {
  return withForm({ ...draft, format }, draft.form);
}

export function withRaw(draft: ConnectionDraft, value: string): ConnectionDraft {
  return { ...draft, value };
}

/** Switching to the form reads the raw string with Airflow's parser; it fails when Airflow would. */
export function withMode(draft: ConnectionDraft, mode: EditMode, kwargs?: BackendKwargs): ConnectionDraft | null {
  if (mode === 'raw') return { ...draft, mode };
  const parsed = parseConnectionSecret(draft.value, kwargs);
  if (!parsed.ok) return null;
  return { ...draft, mode, form: formFromConnection(parsed.connection), format: parsed.format };
}

const formKey: Readonly<Record<Exclude<ConnectionField, 'extra'>, keyof ConnectionFormState>> = {
  conn_type: 'connType',
  host: 'host',
  login: 'login',
  password: 'password',
  schema: 'schema',
  port: 'port',
};

function isConnectionField(field: string | undefined): field is Exclude<ConnectionField, 'extra'> {
  return field !== undefined && field !== 'extra' && (connectionFields as readonly string[]).includes(field);
}

function editJsonKeys(value: string, edit: (object: Record<string, unknown>) => Record<string, unknown>): string | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    return JSON.stringify(edit(parsed as Record<string, unknown>));
  } catch {
    return null;
  }
}

/** Applies a trap's fix; null when it does not apply to this draft. */
export function applyFix(draft: ConnectionDraft, problem: Problem, kwargs?: BackendKwargs): ConnectionDraft | null {
  const fix = problem.fix;
  if (fix === undefined) return null;
  const resync = (value: string): ConnectionDraft => {
    const synced = draft.mode === 'form' ? withMode({ ...draft, value }, 'form', kwargs) : null;
    return synced ?? { ...draft, value, mode: 'raw' };
  };
  switch (fix.kind ?? 'replace-value') {
    case 'replace-value':
      if (isConnectionField(problem.field) && draft.mode === 'form') return withForm(draft, { ...draft.form, [formKey[problem.field]]: fix.value });
      return problem.field === undefined ? resync(fix.value) : null;
    case 'rename-key': {
      const key = problem.field;
      if (key === undefined) return null;
      const next = editJsonKeys(draft.value, (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k === key ? fix.value : k, v])));
      return next === null ? null : resync(next);
    }
    case 'remove-key': {
      const key = problem.field;
      if (key === undefined) return null;
      const next = editJsonKeys(draft.value, (object) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)));
      return next === null ? null : resync(next);
    }
    case 'replace-json':
      return null;
  }
}
