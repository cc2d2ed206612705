import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../../../scripts/import-cycles';

const services = path.resolve('electron', 'services');
const inside = (folder: string) => (file: string): boolean => file.startsWith(path.join(services, folder) + path.sep);

describe('the deploy domain split by job', () => {
  it('issue 13 item 8: nothing under electron/services/projects imports the deploy domain', () => {
    const graph = importGraph([path.join(services, 'projects')]);
    const crossings = [...graph].flatMap(([file, imports]) => imports.filter(inside('deploy')).map((target) => `${path.relative(services, file)} -> ${path.relative(services, target)}`));
    expect(crossings).toEqual([]);
  });

  it('issue 13 item 8: the composition root hands the checklist its Deployment reader directly (no deferred lookup)', () => {
    const root = readFileSync(path.resolve('electron', 'airlock.ts'), 'utf8');
    expect(root).toMatch(/deployment: deploymentReader\.healthSource/);
    expect(root).not.toMatch(/=>\s*deploy\.healthSource/);
  });

  it('issue 13 item 8: targets, plan, apply and the Deployment reader are separate modules, none of them a 400-line factory', () => {
    for (const name of ['deploy-targets', 'deploy-plan', 'deploy-apply', 'deployment-reader', 'deploy-service']) {
      const lines = readFileSync(path.join(services, 'deploy', `${name}.ts`), 'utf8').split('\n').length;
      expect(lines, `${name}.ts has ${lines} lines`).toBeLessThan(320);
    }
  });
});
