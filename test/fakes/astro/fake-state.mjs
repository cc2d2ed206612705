/**
 * The fake CLI's "server side": a JSON file (path in FAKE_ASTRO_STATE) holding organizations,
 * workspaces, deployments with their variables (secret values included: the server knows them),
 * auth settings, injected faults and the log of every invocation.
 *
 * Every change is a fresh read-modify-write followed by an atomic rename, so a process that sat
 * blocked on stdin never writes back a stale copy.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export function statePath() {
  const path = process.env.FAKE_ASTRO_STATE;
  if (!path) {
    process.stderr.write('Error: (fake astro) FAKE_ASTRO_STATE is not set\n');
    process.exit(1);
  }
  return path;
}

export function readState() {
  return JSON.parse(readFileSync(statePath(), 'utf8'));
}

/** Applies `change` to the current state, saves it, and returns what `change` returned. */
export function updateState(change) {
  const path = statePath();
  const state = JSON.parse(readFileSync(path, 'utf8'));
  const result = change(state);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, path);
  return result;
}

/** A deterministic clock: each write moves it one minute on, so tests never depend on real time. */
export function tick(state) {
  state.clock = new Date(Date.parse(state.clock) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return state.clock;
}
