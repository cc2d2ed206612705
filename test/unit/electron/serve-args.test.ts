import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../electron/serve-args';
import { findBrowserOpener } from '../../../electron/services/browser-launch';

describe('browser-mode options', () => {
  it.each([
    [[], { port: 0, open: true }],
    [['--port', '4100'], { port: 4100, open: true }],
    [['--no-open', '--port', '0'], { port: 0, open: false }],
  ])('%j -> %j', (argv, expected) => {
    expect(parseServeArgs(argv)).toEqual(expected);
  });

  it.each([[['--port']], [['--port', 'abc']], [['--port', '70000']], [['--verbose']]])('rejects %j with a message', (argv) => {
    expect(parseServeArgs(argv)).toHaveProperty('error');
  });
});

describe('opening a browser only where one exists', () => {
  it('opens nothing on CI or on Linux without a display', () => {
    expect(findBrowserOpener('linux', { CI: 'true', DISPLAY: ':0', PATH: '/usr/bin' })).toBeNull();
    expect(findBrowserOpener('linux', { PATH: '/usr/bin:/bin' })).toBeNull();
  });

  it('uses the platform opener elsewhere (the URL is then its single last argument)', () => {
    expect(findBrowserOpener('darwin', {})).toEqual({ command: 'open', args: [] });
    expect(findBrowserOpener('win32', {})).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler'] });
  });
});
