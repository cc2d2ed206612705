/**
 * Where the Electron binary is, without triggering its download (`require('electron')` would
 * try to fetch it, which fails on machines without internet).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(): { path: string } | { missing: string } {
  const packageDir = path.resolve('node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && override === undefined) {
    return { missing: 'the Electron binary has not been downloaded (node_modules/electron/path.txt is absent; it downloads on the first `npm start` where the network allows)' };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override !== undefined ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is not at ${binary}` };
}
