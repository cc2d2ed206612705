/**
 * The Secrets view's pure rules: the connection form, which kwargs are in use, where a secret is
 * placed, tag changes and how values are displayed.
 *
 * The module's one public entry: import from this folder, never from a file inside it.
 */
export * from './connection-form';
export * from './kwargs-in-use';
export * from './secret-placement';
export * from './tag-changes';
export * from './value-display';
export * from './secret-kinds';
export * from './sensitive-keys';
