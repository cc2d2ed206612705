/**
 * JSON.stringify for large answers without holding the main process: a DAG scan's 8,000 rows
 * encode to megabytes, and one JSON.stringify of them kept every other API call waiting ~100 ms
 * on a busy 2-core machine. Large arrays are encoded item by item, giving the event loop back
 * between slices; the text is exactly JSON.stringify's.
 */
import { yieldToEventLoop } from './secrets';

/** JSON.stringify as it behaves: undefined for undefined, a function or a symbol (its type says string). */
const stringify: (value: unknown) => string | undefined = JSON.stringify;

/** Arrays longer than this are encoded in slices of this many items. */
const ITEMS_PER_SLICE = 250;

/** Whether JSON.stringify would encode `value` as its own enumerable properties (no toJSON, no class). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** The same text as `JSON.stringify(value)` (undefined where it gives undefined). */
export async function stringifyInSlices(value: unknown): Promise<string | undefined> {
  if (Array.isArray(value) && value.length > ITEMS_PER_SLICE) {
    const parts: string[] = [];
    for (const [index, item] of value.entries()) {
      if (index > 0 && index % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
      // Items are encoded whole (a row is small); in an array, what JSON cannot carry is null.
      parts.push(stringify(item) ?? 'null');
    }
    return `[${parts.join(',')}]`;
  }
  if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const encoded = await stringifyInSlices(item);
      // In an object, such a property is left out.
      if (encoded !== undefined) parts.push(`${JSON.stringify(key)}:${encoded}`);
    }
    return `{${parts.join(',')}}`;
  }
  return stringify(value);
}
