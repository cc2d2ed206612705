/**
 * Navigation, new-window, webview and permission policies. Pure where possible so they are
 * table-tested without Electron.
 */
import { isAppOrigin } from '../../shared/security';

/** Only the app's own origin may be navigated to; everything else is blocked. */
export function isAllowedNavigation(raw: string): boolean {
  return isAppOrigin(raw);
}

/** New windows are never created. External links go through the openExternal allowlist. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Airlock needs no camera, microphone, notifications, geolocation or anything else. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
