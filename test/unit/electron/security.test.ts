/**
 * The Electron security checklist items that are pure functions or constants
 * (reference/style-and-security.md §2.1), checked without the Electron binary.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveAppUrl } from '../../../electron/security/app-protocol';
import { isSsoSignInPage, ssoSignInHosts } from '../../../electron/security/external-url';
import { denyPermissionCheck, denyPermissionRequest, denyWindowOpen, isAllowedNavigation } from '../../../electron/security/navigation';
import { buildMainWindowOptions } from '../../../electron/security/window-options';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';

describe('main window options (checklist 2, 3, 4, 6, 8-11)', () => {
  it('pins every security preference explicitly', () => {
    const options = buildMainWindowOptions({ preloadPath: '/app/preload.cjs', isPackaged: true });
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('keeps devtools for development builds only', () => {
    expect(buildMainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('navigation and windows (checklist 13, 14)', () => {
  it.each([
    ['app://bundle/index.html', true],
    ['app://bundle/secrets?x=1#y', true],
    ['app://bundle.evil/index.html', false],
    ['app://evil@bundle/index.html', false],
    ['app://user@evil/index.html', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('denies every new window and every permission', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    denyPermissionRequest(null, 'media', (value) => { granted = value; });
    expect(granted).toBe(false);
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('the app:// protocol resolver (checklist 18)', () => {
  const root = path.resolve('/srv/airlock/renderer');
  it.each([
    ['app://bundle/index.html', path.join(root, 'index.html')],
    ['app://bundle/', path.join(root, 'index.html')],
    ['app://bundle/assets/app.js', path.join(root, 'assets', 'app.js')],
    ['app://bundle/../../etc/passwd', path.join(root, 'etc', 'passwd')],
  ])('%s stays inside the renderer folder', (url, file) => {
    expect(resolveAppUrl(root, url)).toBe(file);
  });

  it.each(['app://bundle/%2e%2e/%2e%2e/etc/passwd', 'app://bundle/..%5c..%5cwindows', 'app://bundle/a%00b', 'app://other/index.html', 'file:///etc/passwd', 'app://bundle/%E0%A4%A'])(
    'refuses or confines %s',
    (url) => {
      const resolved = resolveAppUrl(root, url);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    },
  );
});

describe('openExternal allowlist (checklist 15)', () => {
  // The login being run: its profile's sso_region and sso_start_url, as the config file says.
  const corp = { ssoRegion: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' };

  it.each([
    // The pages the OIDC device authorization names for this login.
    ['https://device.sso.us-east-1.amazonaws.com/', true],
    ['https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', true],
    ['https://corp.awsapps.com/start/#/device?user_code=ABCD-EFGH', true],
    // Other hosts under the same AWS domains.
    ['https://device.sso.eu-west-1.amazonaws.com/', false],
    ['https://evil-bucket.s3-website-us-east-1.amazonaws.com/', false],
    ['https://device.sso.s3-website.us-east-1.amazonaws.com/', false],
    ['https://abc123.execute-api.us-east-1.amazonaws.com/prod/', false],
    ['https://other.awsapps.com/start/#/device', false],
    ['https://legacy.awsapps.com/start', false],
    ['https://docs.aws.amazon.com/secretsmanager/', false],
    // User info, ports, schemes.
    ['https://device.sso.us-east-1.amazonaws.com@evil.com/', false],
    ['https://user:pass@corp.awsapps.com/start', false],
    ['https://device.sso.us-east-1.amazonaws.com:8443/', false],
    ['https://device.sso.us-east-1.amazonaws.com:443/', false],
    ['http://device.sso.us-east-1.amazonaws.com/', false],
    ['http://corp.awsapps.com/start', false],
    // Other spellings of a host: case, punycode, trailing dots, look-alikes, backslashes.
    ['https://DEVICE.SSO.US-EAST-1.AMAZONAWS.COM/', false],
    ['https://device.sso.us-east-1.amazonaws.com./', false],
    ['https://corp.awsapps.com./start', false],
    ['https://device.sso.us-east-1.amаzonaws.com/', false],
    ['https://xn--device-sso-us-east-1-amazonaws-com/', false],
    ['https://device.sso.us-east-1.amazonaws.com.evil.com/', false],
    ['https://evil.com\\@device.sso.us-east-1.amazonaws.com/', false],
    ['https://evil.example/?device.sso.us-east-1.amazonaws.com', false],
    // Not web pages at all.
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['ms-msdt:/id', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('issue 9 item 11: %s -> %s', (url, allowed) => {
    expect(isSsoSignInPage(url, corp)).toBe(allowed);
  });

  it('issue 9 item 11: a region with bogus characters or an odd start URL adds no host', () => {
    expect(ssoSignInHosts({ ssoRegion: 's3-website.us-east-1', startUrl: 'https://corp.awsapps.com/start' })).toEqual(['corp.awsapps.com']);
    expect(ssoSignInHosts({ ssoRegion: 'us-east-1/evil.com#', startUrl: 'https://corp.awsapps.com/start' })).toEqual(['corp.awsapps.com']);
    expect(ssoSignInHosts({ ssoRegion: 'US-EAST-1', startUrl: 'https://corp.awsapps.com/start' })).toEqual(['corp.awsapps.com']);
    expect(ssoSignInHosts({ ssoRegion: 'us-east-1', startUrl: 'http://corp.awsapps.com/start' })).toEqual(['device.sso.us-east-1.amazonaws.com']);
    expect(ssoSignInHosts({ ssoRegion: 'us-east-1', startUrl: 'https://corp.awsapps.com:8443/start' })).toEqual(['device.sso.us-east-1.amazonaws.com']);
    expect(ssoSignInHosts({ ssoRegion: 'us-gov-west-1', startUrl: 'not a url' })).toEqual(['device.sso.us-gov-west-1.amazonaws.com']);
    expect(isSsoSignInPage('https://device.sso.s3-website.us-east-1.amazonaws.com/', { ssoRegion: 's3-website.us-east-1', startUrl: 'x' })).toBe(false);
  });

  it("issue 9 item 11: another profile's start URL host is not this login's", () => {
    const legacy = { ssoRegion: 'eu-west-1', startUrl: 'https://legacy.awsapps.com/start' };
    expect(isSsoSignInPage('https://legacy.awsapps.com/start/#/device', legacy)).toBe(true);
    expect(isSsoSignInPage('https://legacy.awsapps.com/start/#/device', corp)).toBe(false);
    expect(isSsoSignInPage('https://corp.awsapps.com/start/#/device', legacy)).toBe(false);
  });
});

describe('Content-Security-Policy (checklist 7)', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('allows scripts only from the app itself: no inline, no eval, no wildcard', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is also in the renderer index.html, with the same script and style rules', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("style-src 'self'");
    expect(meta).not.toContain('unsafe');
  });
});

describe('packaging fuses (checklist 19)', () => {
  it('electron-builder.yml flips the fuses that harden the packaged app', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean>; asar: boolean };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('source rules (checklist 15, 17, 18)', () => {
  const sources = (dir: string): string[] => {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
    });
  };
  const electronFiles = sources('electron');

  it('registers IPC handlers in one file only', () => {
    const users = electronFiles.filter((file) => /ipcMain\.(handle|on)\(/.test(readFileSync(file, 'utf8')));
    expect(users.map((file) => file.replace(/\\/g, '/'))).toEqual(['electron/ipc.ts']);
  });

  it('never loads files over file:// and never opens arbitrary URLs', () => {
    for (const file of electronFiles) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\.loadFile\(|loadURL\(['"`]file:/);
      if (/shell\.openExternal|shell\.openPath/.test(text)) expect(file.replace(/\\/g, '/')).toBe('electron/security/external.ts');
    }
  });

  it('keeps services free of Electron imports', () => {
    for (const file of electronFiles.filter((f) => f.includes(`${path.sep}services${path.sep}`))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"]electron['"]/);
    }
  });
});
