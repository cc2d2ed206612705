/**
 * A secret kind is data: everything that differs between connections, variables and config
 * values, in one descriptor per kind that every place reads instead of testing the kind.
 * The Airflow facts (kwarg names, default prefixes) come from shared/airflow (sheet A.2-A.7).
 */
import {
  defaultPrefix,
  patternKwarg,
  prefixKwarg,
  validateConfigKey,
  validateConnId,
  validateVariableKey,
  type BackendKwargs,
  type LookupKind,
  type Problem,
} from '../airflow';

export interface SecretKindDescriptor {
  readonly kind: LookupKind;
  /** The backend kwarg holding this kind's prefix (`connections_prefix`). */
  readonly prefixKwarg: string;
  readonly patternKwarg: string;
  readonly defaultPrefix: string;
  /** Airflow's and Secrets Manager's rules for an id of this kind; with kwargs, its secret name too. */
  readonly validateId: (id: string, kwargs?: BackendKwargs) => Problem[];
  /** How the value is edited: the connection form, or the stored string as text. */
  readonly editor: 'connection-form' | 'text';
  /** The prefix of its environment variable (`AIRFLOW_CONN_`), or null: config has none. */
  readonly envPrefix: 'AIRFLOW_CONN_' | 'AIRFLOW_VAR_' | null;
  /** One, in a sentence ("New connection"). */
  readonly one: string;
  /** Many, as a heading ("Connections"). */
  readonly many: string;
  readonly idLabel: string;
  /** The short tag beside an id in dense tables. */
  readonly shortLabel: string;
  readonly idPlaceholder: string;
  readonly lookupPlaceholder: string;
  /** The Blueprint icon name shown beside it. */
  readonly icon: 'link' | 'variable' | 'cog';
}

export const secretKinds: Readonly<Record<LookupKind, SecretKindDescriptor>> = {
  connection: {
    kind: 'connection',
    prefixKwarg: prefixKwarg.connection,
    patternKwarg: patternKwarg.connection,
    defaultPrefix: defaultPrefix.connection,
    validateId: validateConnId,
    editor: 'connection-form',
    envPrefix: 'AIRFLOW_CONN_',
    one: 'connection',
    many: 'Connections',
    idLabel: 'Connection id',
    shortLabel: 'conn',
    idPlaceholder: 'my_postgres',
    lookupPlaceholder: 'conn_id, e.g. my_postgres',
    icon: 'link',
  },
  variable: {
    kind: 'variable',
    prefixKwarg: prefixKwarg.variable,
    patternKwarg: patternKwarg.variable,
    defaultPrefix: defaultPrefix.variable,
    validateId: validateVariableKey,
    editor: 'text',
    envPrefix: 'AIRFLOW_VAR_',
    one: 'variable',
    many: 'Variables',
    idLabel: 'Variable key',
    shortLabel: 'var',
    idPlaceholder: 'my_key',
    lookupPlaceholder: 'variable key',
    icon: 'variable',
  },
  config: {
    kind: 'config',
    prefixKwarg: prefixKwarg.config,
    patternKwarg: patternKwarg.config,
    defaultPrefix: defaultPrefix.config,
    // Config keys have their own rules (sheet A.7): no column limit, never team-scoped.
    validateId: validateConfigKey,
    editor: 'text',
    envPrefix: null,
    one: 'config value',
    many: 'Config',
    idLabel: 'Config key',
    shortLabel: 'config',
    idPlaceholder: 'my_key',
    lookupPlaceholder: 'config key',
    icon: 'cog',
  },
};

export const secretKindList: readonly SecretKindDescriptor[] = [secretKinds.connection, secretKinds.variable, secretKinds.config];
