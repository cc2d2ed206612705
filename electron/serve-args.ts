/** Command-line options of browser mode (`npm run serve -- [--port N] [--no-open]`). */
export interface ServeArgs {
  readonly port: number;
  readonly open: boolean;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs | { error: string } {
  let port = 0;
  let open = true;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-open') open = false;
    else if (arg === '--port') {
      const value = argv[i + 1];
      i += 1;
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) return { error: `--port needs a number between 0 and 65535, got ${value ?? 'nothing'}` };
      port = Number(value);
    } else return { error: `unknown option ${arg ?? ''}` };
  }
  return { port, open };
}
