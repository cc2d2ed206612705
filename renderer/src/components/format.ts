/** Display helpers shared by the views. */

/** A date as a short local date and time, or an em dash when absent. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A scheduled deletion, said for what it is: the date AWS deletes the secret for good ("Will be
 * deleted on …" while that is ahead, "Deleted on …" once it has passed and AWS has not purged it yet).
 */
export function describeDeletion(deletionDate: string | null, now: Date = new Date()): string {
  if (deletionDate === null) return '—';
  const when = new Date(deletionDate).getTime();
  if (Number.isNaN(when)) return '—';
  return `${when > now.getTime() ? 'Will be deleted on' : 'Deleted on'} ${formatDateTime(deletionDate)}`;
}

/** "3 minutes ago" style text for recent times, the date otherwise. */
export function formatRelative(iso: string | null, now: Date = new Date()): string {
  if (iso === null) return '—';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '—';
  const seconds = Math.round((now.getTime() - then) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDateTime(iso);
}
