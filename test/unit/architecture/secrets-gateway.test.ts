import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GATEWAY = path.join('electron', 'services', 'secrets', 'secrets-gateway.ts');

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.tsx?$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

/** The values (not types) a file imports from the Secrets Manager client that send calls: commands, paginators, the client's own send. */
function callImports(text: string): string[] {
  const imports = [...text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/client-secrets-manager'/g)];
  return imports.flatMap(([, wholeType, names]) => {
    if (wholeType !== undefined) return [];
    return (names ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '' && !name.startsWith('type '))
      .filter((name) => /Command$|^paginate/.test(name));
  });
}

describe('one Secrets Manager gateway', () => {
  it('issue 12 item 1: no module of the app but the gateway imports a Secrets Manager command or paginator', async () => {
    const offenders: string[] = [];
    for (const root of ['electron', 'shared']) {
      for (const file of await sourceFiles(root)) {
        if (file === GATEWAY) continue;
        const found = callImports(await readFile(file, 'utf8'));
        if (found.length > 0) offenders.push(`${file}: ${found.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
    // The rule sees what it looks for.
    expect(callImports(await readFile(GATEWAY, 'utf8'))).toContain('paginateListSecrets');
  });
});
