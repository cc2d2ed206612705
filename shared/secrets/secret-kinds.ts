/**
 * A secret kind is data: everything that differs between connections, variables and config
 * values, in one descriptor per kind that every place reads instead of testing the kind.
 * The Airflow facts (kwarg names, default prefixes, nouns) come from shared/airflow (sheet A.2-A.7),
 * which sits below this module and so cannot read the descriptors itself.
 *
 * Adding a kind: add it to `lookupKinds` (shared/airflow) and the compiler asks for its descriptor
 * here, field by field (`satisfies` below); the kinds that hold a connection, have an environment
 * variable or a place in airflow_settings.yaml are derived from these fields, not listed anywhere.
 */
import {
  defaultPrefix,
  lookupKinds,
  lookupNoun,
  lookupNounPlural,
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
  /**
   * What the stored string holds, so how it is read, compared, imported and exported: a
   * connection (a URI or JSON that Airflow parses) or text Airflow hands over as it is.
   */
  readonly valueFormat: 'connection' | 'text';
  /** How the value is edited: the connection form, or the stored string as text. */
  readonly editor: 'connection-form' | 'text';
  /**
   * Whether Airflow parses a JSON value for the DAG when asked
   * (`Variable.get(key, deserialize_json=True)`); `conf.get` has no such option.
   */
  readonly deserializeJson: boolean;
  /**
   * Whether a project normally keeps some under its prefix, so that none there is a health warning
   * (most DAGs read connections and variables; config values in Secrets Manager are rare).
   */
  readonly expectedUnderPrefix: boolean;
  /** The prefix of its environment variable (`AIRFLOW_CONN_`), or null: config has none. */
  readonly envPrefix: 'AIRFLOW_CONN_' | 'AIRFLOW_VAR_' | null;
  /** Its list and id key in Astro's airflow_settings.yaml (`airflow.connections[].conn_id`), or null: config has none. */
  readonly settingsYaml: { readonly section: 'connections'; readonly idKey: 'conn_id' } | { readonly section: 'variables'; readonly idKey: 'variable_name' } | null;
  /** One, in a sentence ("New connection"). */
  readonly one: string;
  /** Many, in a sentence ("never looks up config values"). */
  readonly plural: string;
  /** One, as the name of a choice ("Connection"). */
  readonly label: string;
  /** Many, as a heading ("Connections"). */
  readonly many: string;
  readonly idLabel: string;
  /** The short tag beside an id in dense tables. */
  readonly shortLabel: string;
  readonly idPlaceholder: string;
  readonly lookupPlaceholder: string;
  /** An id that shows how its secret name is built (`airflow/config/sql_alchemy_conn`). */
  readonly exampleId: string;
  /** The Blueprint icon name shown beside it. */
  readonly icon: 'link' | 'variable' | 'cog';
}

/**
 * `as const` keeps each field's literal type, so a test of a field narrows to the kinds that have
 * it (`envPrefix !== null` leaves connection and variable) without naming them.
 */
export const secretKinds = {
  connection: {
    kind: 'connection',
    prefixKwarg: prefixKwarg.connection,
    patternKwarg: patternKwarg.connection,
    defaultPrefix: defaultPrefix.connection,
    validateId: validateConnId,
    valueFormat: 'connection',
    editor: 'connection-form',
    deserializeJson: false,
    expectedUnderPrefix: true,
    envPrefix: 'AIRFLOW_CONN_',
    settingsYaml: { section: 'connections', idKey: 'conn_id' },
    one: lookupNoun.connection,
    plural: lookupNounPlural.connection,
    label: 'Connection',
    many: 'Connections',
    idLabel: 'Connection id',
    shortLabel: 'conn',
    idPlaceholder: 'my_postgres',
    lookupPlaceholder: 'conn_id, e.g. my_postgres',
    exampleId: 'my_conn',
    icon: 'link',
  },
  variable: {
    kind: 'variable',
    prefixKwarg: prefixKwarg.variable,
    patternKwarg: patternKwarg.variable,
    defaultPrefix: defaultPrefix.variable,
    validateId: validateVariableKey,
    valueFormat: 'text',
    editor: 'text',
    deserializeJson: true,
    expectedUnderPrefix: true,
    envPrefix: 'AIRFLOW_VAR_',
    settingsYaml: { section: 'variables', idKey: 'variable_name' },
    one: lookupNoun.variable,
    plural: lookupNounPlural.variable,
    label: 'Variable',
    many: 'Variables',
    idLabel: 'Variable key',
    shortLabel: 'var',
    idPlaceholder: 'my_key',
    lookupPlaceholder: 'variable key',
    exampleId: 'my_key',
    icon: 'variable',
  },
  config: {
    kind: 'config',
    prefixKwarg: prefixKwarg.config,
    patternKwarg: patternKwarg.config,
    defaultPrefix: defaultPrefix.config,
    // Config keys have their own rules (sheet A.7): no column limit, never team-scoped.
    validateId: validateConfigKey,
    valueFormat: 'text',
    editor: 'text',
    deserializeJson: false,
    expectedUnderPrefix: false,
    envPrefix: null,
    settingsYaml: null,
    one: lookupNoun.config,
    plural: lookupNounPlural.config,
    label: 'Config',
    many: 'Config',
    idLabel: 'Config key',
    shortLabel: 'config',
    idPlaceholder: 'my_key',
    lookupPlaceholder: 'config key',
    exampleId: 'sql_alchemy_conn',
    icon: 'cog',
  },
} as const satisfies Readonly<Record<LookupKind, SecretKindDescriptor>>;

/** The descriptor of one kind, with its fields' literal types (a union over the kinds). */
export type SecretKindFacts = (typeof secretKinds)[LookupKind];

/** The kinds whose stored string holds `format` (`KindHolding<'connection'>` is `'connection'`). */
export type KindHolding<F extends SecretKindDescriptor['valueFormat']> = Extract<SecretKindFacts, { readonly valueFormat: F }>['kind'];

/** The kinds edited with `editor`. */
export type KindEditedWith<E extends SecretKindDescriptor['editor']> = Extract<SecretKindFacts, { readonly editor: E }>['kind'];

/** Every descriptor, in the order Airlock shows the kinds. */
export const secretKindList: readonly SecretKindFacts[] = lookupKinds.map((kind) => secretKinds[kind]);

/** The kind whose environment variable `name` is (`AIRFLOW_CONN_MY_PG`), with the id as Airflow writes it (lower case), or null. */
export function kindOfEnvVar(name: string): { readonly kind: Extract<SecretKindFacts, { envPrefix: string }>['kind']; readonly id: string } | null {
  for (const descriptor of secretKindList) {
    if (descriptor.envPrefix !== null && name.startsWith(descriptor.envPrefix)) return { kind: descriptor.kind, id: name.slice(descriptor.envPrefix.length).toLowerCase() };
  }
  return null;
}

/** The environment variable Airflow reads an id from: the kind's prefix and the id upper-cased. */
export function envVarName(descriptor: { readonly envPrefix: string }, id: string): string {
  return `${descriptor.envPrefix}${id.toUpperCase()}`;
}
