/**
 * Environments: the environments file, which profile matches which environment, and the kwargs
 * precedence between them. Pure: no I/O.
 *
 * The module's one public entry: import from this folder, never from a file inside it.
 */
export * from './environments-file';
export * from './kwargs-precedence';
export * from './profile-match';
export * from './matrix';
