/**
 * An Astro project's pure rules: ignore-file entries and the kwargs JSON of its settings.
 *
 * The module's one public entry: import from this folder, never from a file inside it.
 */
export * from './ignore-entry';
export * from './kwargs-json';
