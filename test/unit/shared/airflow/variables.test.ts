// Variable values (sheet A.7) and the SecretString size limit (C.1).
import { describe, expect, it } from 'vitest';
import { classifyVariableValue, validateSecretValueSize } from '../../../../shared/airflow';

describe('A.7 classifyVariableValue', () => {
  it('recognises JSON and pretty-prints it', () => {
    expect(classifyVariableValue('{"a":[1,2]}')).toEqual({ kind: 'json', jsonType: 'object', pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}', notes: [] });
    expect(classifyVariableValue('[1]')).toMatchObject({ kind: 'json', jsonType: 'array' });
    expect(classifyVariableValue('42')).toMatchObject({ kind: 'json', jsonType: 'number' });
    expect(classifyVariableValue('true')).toMatchObject({ kind: 'json', jsonType: 'boolean' });
  });

  it('accepts what Python json.loads accepts (NaN, Infinity)', () => {
    expect(classifyVariableValue('NaN')).toMatchObject({ kind: 'json', jsonType: 'number' });
  });

  it('plain text says why deserialize_json=True would fail', () => {
    const result = classifyVariableValue('hello world');
    expect(result.kind).toBe('text');
    if (result.kind === 'text') {
      expect(result.deserializeJsonError).toMatch(/Expecting a value/);
      expect(result.notes).toEqual([]);
    }
  });

  it('text that looks like JSON but is not gets a warning', () => {
    const result = classifyVariableValue("{'a': 1}");
    expect(result.notes.map((n) => n.code)).toEqual(['variable.invalid-json']);
  });

  it('a quoted string keeps its quotes for Variable.get', () => {
    const result = classifyVariableValue('"my-bucket"');
    expect(result.notes).toMatchObject([{ code: 'variable.quoted-string', fix: { value: 'my-bucket', sensitive: true } }]);
  });

  it('variables are NOT stripped by the backend: trailing newline is flagged', () => {
    const result = classifyVariableValue('s3://bucket\n');
    expect(result.notes).toMatchObject([{ code: 'variable.whitespace', fix: { value: 's3://bucket' } }]);
  });
});

describe('C.1 validateSecretValueSize', () => {
  it('Secrets Manager stores 1 to 65,536 bytes', () => {
    expect(validateSecretValueSize('x')).toEqual([]);
    expect(validateSecretValueSize('x'.repeat(65_536))).toEqual([]);
    expect(validateSecretValueSize('')).toMatchObject([{ code: 'secret-value.empty' }]);
    // 2 bytes per é in UTF-8
    expect(validateSecretValueSize('é'.repeat(32_769))).toMatchObject([{ code: 'secret-value.too-large' }]);
  });
});
