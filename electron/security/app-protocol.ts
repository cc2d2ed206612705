/**
 * The app:// protocol: serves only the built renderer folder, with the CSP header.
 *
 * Loading from a custom protocol instead of file:// keeps the page from reading the disk and
 * gives it a real origin (`app://bundle`) that the IPC sender check compares against.
 */
import path from 'node:path';
import { isAppOrigin } from '../../shared/security';

/** Maps `app://bundle/<path>` to a file under root, or null for anything outside it. */
export function resolveAppUrl(root: string, raw: string): string | null {
  if (!isAppOrigin(raw)) return null;
  const url = new URL(raw);
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, `.${path.posix.normalize(`/${decoded}`)}`);
  const relative = path.relative(resolvedRoot, file);
  if (relative === '') return path.join(resolvedRoot, 'index.html');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}
