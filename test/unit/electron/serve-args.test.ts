import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../electron/serve-args';
import { browserOpenCommand } from '../../../electron/services/browser-launch';

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
    expect(browserOpenCommand('http://x', 'linux', { CI: 'true', DISPLAY: ':0', PATH: '/usr/bin' })).toBeNull();
    expect(browserOpenCommand('http://x', 'linux', { PATH: '/usr/bin:/bin' })).toBeNull();
  });

  it('uses the platform opener elsewhere, with the URL as a single argument', () => {
    expect(browserOpenCommand('http://127.0.0.1:1/#launch=abc', 'darwin', {})).toEqual({ command: 'open', args: ['http://127.0.0.1:1/#launch=abc'] });
    expect(browserOpenCommand('http://x', 'win32', {})?.args).toEqual(['url.dll,FileProtocolHandler', 'http://x']);
  });
});
