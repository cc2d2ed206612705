// @vitest-environment jsdom
/**
 * The Secrets view with a streamed listing (issue 12 items 2 and 3): the first answer's rows show
 * at once, later pages fold in as `secrets.listMore` answers, rows gone since the cache are
 * dropped, and the toolbar says how old the list is. Issue 12 item 4: the listing is asked for
 * with the active profile, and an update keeps the rows it does not touch.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyListingUpdate, updatedAgo } from '../../../renderer/src/views/secrets/listing-stream';
import { SecretsView } from '../../../renderer/src/views/secrets/SecretsView';
import type { ListingUpdate, SecretListing, SecretSummary } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

afterEach(cleanup);

function summary(id: string): SecretSummary {
  const name = `airflow/variables/${id}`;
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`, kind: 'variable', id, description: null, lastChangedAt: null, createdAt: null, deletedAt: null, tags: [] };
}

const frame = { prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' }, joiner: '/', notLookedUp: [], kwargsWarnings: [] };

function update(extra: Partial<ListingUpdate>): ListingUpdate {
  return { listingId: 'L1', items: [], notLookedUp: [], removed: [], cursor: 1, scanned: 0, listCalls: 1, done: false, listedAt: null, error: null, ...extra };
}

describe('issue 12: the streamed listing in the window', () => {
  it('issue 12 item 3: folds updates in by name, drops removed rows, and takes the new listing\'s time when done', () => {
    const cached: SecretListing = { ...frame, items: [summary('a'), summary('b')], listCalls: 0, stream: { listingId: 'L1', cursor: 0, listedAt: '2026-01-01T00:00:00.000Z', fromCache: true } };
    const changed = { ...summary('a'), description: 'now described' };
    const partly = applyListingUpdate(cached, update({ items: [changed, summary('c')], cursor: 1 }));
    expect(partly.items.map((item) => [item.id, item.description])).toEqual([['a', 'now described'], ['b', null], ['c', null]]);
    expect(partly.stream).toMatchObject({ cursor: 1, fromCache: true, listedAt: '2026-01-01T00:00:00.000Z' });
    const done = applyListingUpdate(partly, update({ removed: ['airflow/variables/b'], cursor: 2, done: true, listedAt: '2026-01-01T00:10:00.000Z' }));
    expect(done.items.map((item) => item.id)).toEqual(['a', 'c']);
    expect(done.stream).toMatchObject({ cursor: 2, fromCache: false, listedAt: '2026-01-01T00:10:00.000Z' });
  });

  it('issue 12 item 3: says how old the list is', () => {
    const at = Date.parse('2026-01-01T00:00:00.000Z');
    expect(updatedAgo(null, at)).toBeNull();
    expect(updatedAgo('2026-01-01T00:00:00.000Z', at + 12_400)).toBe('updated 12 s ago');
    expect(updatedAgo('2026-01-01T00:00:00.000Z', at + 3 * 60_000)).toBe('updated 3 min ago');
    expect(updatedAgo('2026-01-01T00:00:00.000Z', at + 2 * 3_600_000)).toBe('updated 2 h ago');
  });

  it('issue 12 item 2: shows the first page at once, then the rows that stream in, and the list\'s age once it is done', async () => {
    let release: (() => void) | null = null;
    const later = new Promise<void>((resolve) => {
      release = resolve;
    });
    const main = fakeMain({
      'profiles.active': () => activeProfile(profileSummary('sandbox', 'sandbox')),
      'secrets.list': () => ({ ...frame, items: [summary('first_page')], listCalls: 1, stream: { listingId: 'L1', cursor: 1, listedAt: null, fromCache: false } }),
      'secrets.listMore': async () => {
        await later;
        return update({ items: [summary('second_page')], cursor: 2, done: true, listedAt: new Date().toISOString() });
      },
      'secrets.listOutside': () => ({ items: [], listCalls: 0 }),
    });
    renderWithMain(<SecretsView />, main);
    expect(await screen.findByText('first_page')).toBeTruthy();
    expect(screen.queryByText('second_page')).toBeNull();
    expect(screen.queryByTestId('listing-updated')).toBeNull();
    expect(main.inputsOf('secrets.list')).toEqual([{ kwargs: '', stream: true }]);
    (release as (() => void) | null)?.();
    expect(await screen.findByText('second_page')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('listing-updated').textContent).toMatch(/^updated \d+ s ago$/));
    expect(main.inputsOf('secrets.listMore')).toEqual([{ listingId: 'L1', cursor: 1 }]);
  });

  it('issue 12 item 4: an update keeps every row it does not touch, and one without rows keeps the rows themselves, so the list does no work for it', () => {
    const cached: SecretListing = { ...frame, items: [summary('a'), summary('b')], listCalls: 0, stream: { listingId: 'L1', cursor: 0, listedAt: '2026-01-01T00:00:00.000Z', fromCache: true } };
    const nothingNew = applyListingUpdate(cached, update({ cursor: 1 }));
    expect(nothingNew.items, 'the same rows').toBe(cached.items);
    expect(nothingNew.notLookedUp).toBe(cached.notLookedUp);
    const oneChanged = applyListingUpdate(nothingNew, update({ items: [{ ...summary('b'), description: 'changed' }, summary('c')], cursor: 2 }));
    expect(oneChanged.items[0], 'a row the update does not name stays the same object').toBe(cached.items[0]);
    expect(oneChanged.items.map((item) => [item.id, item.description])).toEqual([['a', null], ['b', 'changed'], ['c', null]]);
  });

  it('issue 12 item 4: the listing is asked for together with the active profile, not after it answers', async () => {
    let answerProfile: (() => void) | null = null;
    const profileAnswered = new Promise<void>((resolve) => {
      answerProfile = resolve;
    });
    const main = fakeMain({
      'profiles.active': async () => {
        await profileAnswered;
        return activeProfile(profileSummary('sandbox', 'sandbox'));
      },
      'secrets.list': () => ({ ...frame, items: [summary('first_page')], listCalls: 1 }),
      'secrets.listOutside': () => ({ items: [], listCalls: 0 }),
    });
    renderWithMain(<SecretsView />, main);
    await waitFor(() => expect(main.inputsOf('secrets.list'), 'asked while the active profile is still on its way').toEqual([{ kwargs: '', stream: true }]));
    expect(screen.queryByText('first_page'), 'nothing shown before the profile is known').toBeNull();
    (answerProfile as (() => void) | null)?.();
    expect(await screen.findByText('first_page')).toBeTruthy();
    expect(main.inputsOf('secrets.list'), 'asked once').toHaveLength(1);
  });
});
