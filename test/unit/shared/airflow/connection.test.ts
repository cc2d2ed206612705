// The connection model and the field-by-field comparison behind the editor's round-trip check.
import { describe, expect, it } from 'vitest';
import { diffConnections, makeConnection } from '../../../../shared/airflow';

describe('makeConnection / diffConnections', () => {
  it('maps "" and {} to null (B.2: hooks cannot tell them apart)', () => {
    expect(makeConnection({ host: '', login: '', extra: {} })).toEqual(makeConnection({}));
  });

  it('lists the differing fields', () => {
    const a = makeConnection({ conn_type: 'postgres', host: 'h', port: 5432, extra: { a: { b: [1, 2] } } });
    const b = makeConnection({ conn_type: 'postgres', host: 'H', port: 5433, extra: { a: { b: [1, 3] } } });
    expect(diffConnections(a, b)).toEqual(['host', 'port', 'extra']);
    expect(diffConnections(a, a)).toEqual([]);
  });

  it('treats a null extra and an empty one as equal, and ignores key order', () => {
    expect(diffConnections({ ...makeConnection({}), extra: {} }, makeConnection({}))).toEqual([]);
    expect(diffConnections(makeConnection({ extra: { a: '1', b: '2' } }), makeConnection({ extra: { b: '2', a: '1' } }))).toEqual([]);
    expect(diffConnections(makeConnection({ extra: { a: '1' } }), makeConnection({ extra: { a: 1 } }))).toEqual(['extra']);
  });
});
