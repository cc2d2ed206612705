/**
 * The deploy rules, pure: what the project should hold (desired), the plan of edits, and the
 * checks after a deploy (verify).
 *
 * The module's one public entry: import from this folder, never from a file inside it.
 */
export * from './desired';
export * from './plan';
export * from './verify';
