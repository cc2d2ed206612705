import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, isSensitiveName, redact, redactValue, REDACTED } from '../../../electron/services/redact';

const R = REDACTED;

/** One row per shape: [shape, input, expected output]. */
const maskedShapes: readonly (readonly [string, string, string])[] = [
  // URIs
  ['URI password, percent-encoded', 'postgres://u:p%26w@h/db', `postgres://u:${R}@h/db`],
  ['URI password of an Airflow connection', 'postgresql://airflow_etl:Tr0ub4dor%26demo@db.example.com:5432/airflow', `postgresql://airflow_etl:${R}@db.example.com:5432/airflow`],
  ['URI password with unencoded @ and :', 'redis://:p@ss:w0rd@cache:6379/0', `redis://:${R}@cache:6379/0`],
  ['URI password of any scheme, inside a sentence', 'could not reach snowflake://me:S3cr%2Ft@acct/db?warehouse=w: timeout', `could not reach snowflake://me:${R}@acct/db?warehouse=w: timeout`],
  // Secrets Manager
  ['"SecretString":"..." with an escaped connection JSON', '{"Name":"airflow/connections/db","SecretString":"{\\"conn_type\\":\\"postgres\\",\\"password\\":\\"x\\"}","VersionId":"v1"}', `{"Name":"airflow/connections/db","SecretString":"${R}","VersionId":"v1"}`],
  ['"SecretBinary"', '{"SecretBinary":"c2VjcmV0Ynl0ZXM="}', `{"SecretBinary":"${R}"}`],
  // names with the sensitive word after `_`, `-` or in camelCase
  ['DB_PASSWORD= env line', 'DB_PASSWORD=hunter2hunter2', `DB_PASSWORD=${R}`],
  ['client_secret= in a query string', 'POST /token?grant_type=client_credentials&client_secret=abc123xyz&scope=x', `POST /token?grant_type=client_credentials&client_secret=${R}&scope=x`],
  ['ASTRO_API_TOKEN= env line', 'ASTRO_API_TOKEN=astro-tok-123456', `ASTRO_API_TOKEN=${R}`],
  ['aws_secret_access_key in an ini file', '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG', `[default]\naws_access_key_id = AKIA${R}\naws_secret_access_key = ${R}`],
  ['X-Amz-Security-Token header', 'x-amz-security-token: FwoGZXIvYXdzEBYaDH', `x-amz-security-token: ${R}`],
  ['X-Amz-Security-Token in a presigned URL', 'https://b.s3.amazonaws.com/k?X-Amz-Security-Token=FwoGZX%2Fyz&X-Amz-Expires=60', `https://b.s3.amazonaws.com/k?X-Amz-Security-Token=${R}&X-Amz-Expires=60`],
  ['passwd and pwd', 'Driver={ODBC};Server=h;UID=u;PWD=s3cr3tpw;passwd=other1x', `Driver={ODBC};Server=h;UID=u;PWD=${R};passwd=${R}`],
  ['private_key and api_key', 'api_key=k-123456 private_key=pk-123456', `api_key=${R} private_key=${R}`],
  ['run-together apikey and x-api-key header', 'apikey=k-123456\nx-api-key: k-654321', `apikey=${R}\nx-api-key: ${R}`],
  ['Airflow fernet and webserver secret keys', 'AIRFLOW__CORE__FERNET_KEY=abcdefgh\nAIRFLOW__WEBSERVER__SECRET_KEY=ijklmnop', `AIRFLOW__CORE__FERNET_KEY=${R}\nAIRFLOW__WEBSERVER__SECRET_KEY=${R}`],
  ['a dotted Java property', 'spring.datasource.password=s3cret!', `spring.datasource.password=${R}`],
  ['a CLI flag', 'mysql --password=s3cret -u root', `mysql --password=${R} -u root`],
  ['camelCase JSON fields of the SSO cache', '{"accessToken":"tok\\"en","refreshToken":"r1","clientSecret":"cs1","region":"us-east-1"}', `{"accessToken":"${R}","refreshToken":"${R}","clientSecret":"${R}","region":"us-east-1"}`],
  ['STS XML elements', '<SecretAccessKey>abc/def+ghi</SecretAccessKey><SessionToken>FwoGZ</SessionToken>', `<SecretAccessKey>${R}</SecretAccessKey><SessionToken>${R}</SessionToken>`],
  // quoting
  ['YAML password: "..." with an escaped quote', 'password: "p\\"ss word"', `password: "${R}"`],
  ["YAML password: '...' with a doubled quote", "password: 'it''s secret'", `password: '${R}'`],
  ['YAML value to the end of the line', '  password: correct horse battery\n  host: db', `  password: ${R}\n  host: db`],
  ["Python dict repr {'password': '...'}", "{'login': 'bob', 'password': 'it\\'s secret', 'port': 5432}", `{'login': 'bob', 'password': '${R}', 'port': 5432}`],
  ['env line with a quoted value and a comment', 'export DB_PASSWORD="a b c" # prod', `export DB_PASSWORD="${R}" # prod`],
  ['env line with spaces, unquoted', 'DB_PASSWORD=a b c\nDB_HOST=h', `DB_PASSWORD=${R}\nDB_HOST=h`],
  ['Dockerfile ENV', 'ENV DB_PASSWORD=s3cr3tvalue', `ENV DB_PASSWORD=${R}`],
  ['JSON inside a JSON string (two levels of escaping)', '{"message":"{\\"password\\":\\"pa\\\\\\"ss\\"}"}', `{"message":"{\\"password\\":\\"${R}\\"}"}`],
  ['Go/Ruby separators := and =>', "token := \"abc123456\"; {'password' => 'abc123456'}", `token := "${R}"; {'password' => '${R}'}`],
  ['a numeric MFA TokenCode', '{"SerialNumber":"arn:aws:iam::1:mfa/me","TokenCode":123456}', `{"SerialNumber":"arn:aws:iam::1:mfa/me","TokenCode":${R}}`],
  ['an unterminated quoted value (a truncated message) is masked to the end', 'Error: {"password":"abcdefgh', `Error: {"password":"${R}`],
  // PEM, JWT, headers
  ['PEM private key block', 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nend', `key:\n-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----\nend`],
  ['PEM block JSON-escaped', '"key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"', `"key":"-----BEGIN PRIVATE KEY-----${R}-----END PRIVATE KEY-----\\n"`],
  ['PEM block cut off before its end', 'bad key -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk', `bad key -----BEGIN OPENSSH PRIVATE KEY-----${R}`],
  ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_DEF-1 was refused', `token ${R} was refused`],
  ['Bearer header', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig_value-1', `Authorization: Bearer ${R}`],
  ['Basic credentials inline', 'headers {authorization: Basic dXNlcjpwYXNzd29yZA==, host: x}', `headers {authorization: Basic ${R}, host: x}`],
  ['SSO bearer header', 'x-amz-sso_bearer_token: aoaAAAAAGV4cGlyZWQ', `x-amz-sso_bearer_token: ${R}`],
  ['SigV4 header keeps its scope, masks the key id', 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=abc', `Authorization: AWS4-HMAC-SHA256 Credential=AKIA${R}/20261128/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=abc`],
  // earlier shapes
  ['access key ids of long-term, temporary and legacy keys', 'keys AKIAIOSFODNN7EXAMPLE, ASIAY34FZKBOKMUTVV7A and A3T0ABCDEFGHIJKLMNOP used', `keys AKIA${R}, ASIA${R} and A3T${R} used`],
  ['browser-mode token and launch code in a URL', 'open http://127.0.0.1:4000/#token=s3cr3tT0kenValue or /?launch=abc123', `open http://127.0.0.1:4000/#token=${R} or /?launch=${R}`],
];

/** Lines that must come out unchanged: names of secrets are not secrets, and prose stays prose. */
const unchanged: readonly (readonly [string, string])[] = [
  ['an ARN of a secret whose name holds "password"', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:airflow/connections/db_password-AbC123'],
  ['a secret name as a path', 'GetSecretValue airflow/connections/db_password: ResourceNotFoundException'],
  ['a secret id field', 'SecretId=airflow/variables/api_token, "SecretId":"airflow/connections/db_password", secret_name: x'],
  ['a quoted secret name in a message', 'Secret "airflow/variables/api_token" was not found in eu-west-1.'],
  ['an access denial naming the secret', 'User: arn:aws:sts::1:assumed-role/Dev/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:1:secret:airflow/connections/db_password-x'],
  ['the secrets backend setting', 'AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend'],
  ['the backend kwargs', 'AIRFLOW__SECRETS__BACKEND_KWARGS={"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "region_name": "eu-west-1"}'],
  ["astro's variable JSON", '{"key":"AIRFLOW_CONN_DB","value":"","is_secret":true}'],
  ['pagination and idempotency tokens', '{"NextToken":"abcdef123","ClientRequestToken":"0b7e-uuid"}'],
  ['descriptive fields of a token', '{"tokenType":"Bearer","token_url":"https://x/token","clientSecretExpiresAt":1700000000}'],
  ['booleans and nulls under sensitive names', 'password=None token=null secret: false'],
  ["a shell's working directory", 'PWD=/home/me/project OLDPWD=/tmp'],
  ['prose about passwords and Basic auth', 'The password field is empty. Basic authentication failed. API Token is expired.'],
  ['an ordinary log line', 'GetSecretValue airflow/connections/postgres_default in eu-west-1 took 120 ms'],
  ['an SSO start URL and credential_process', 'sso_start_url = https://my.awsapps.com/start\ncredential_process = /usr/local/bin/creds --profile dev'],
  ['a URI without a password', 'https://host:8443/path?q=1 and ssh://git@github.com/org/repo'],
];

describe('redact: one row per shape', () => {
  it.each(maskedShapes)('issue 9 item 6: %s', (_shape, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(unchanged)('issue 9 item 6: leaves %s unchanged', (_shape, input) => {
    expect(redact(input)).toBe(input);
  });
});

describe('redact: known values', () => {
  const secret = 'p&w/é "x\\y+z~1';
  const pythonJson = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms: readonly (readonly [string, string])[] = [
    ['as is', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['form encoding', new URLSearchParams([['v', secret]]).toString().slice(2)],
    ['lower-case percent-encoding', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(secret)).slice(3, -3)],
    ['JSON with \\u escapes (Python json.dumps)', pythonJson(secret)],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
  ];

  it.each(forms)('issue 9 item 6: masks a known value %s', (_form, encoded) => {
    const masked = redact(`before ${encoded} after`, [secret]);
    expect(masked).toMatch(/^before .*\[REDACTED\].* after$/);
    expect(masked).not.toContain(encoded);
  });

  it('issue 9 item 6: masks a known value inside a Basic credential (base64 at another alignment)', () => {
    const header = `Authorization: Basic ${Buffer.from(`airflow:${secret}`).toString('base64')}`;
    const masked = redact(`GET / ${header.replace('Authorization: Basic ', 'creds=')}`, [secret]);
    expect(decodedBase64Runs(masked).some((bytes) => bytes.includes(Buffer.from(secret)))).toBe(false);
  });

  it('issue 12 item 1: masks a value of tens of kilobytes too, instead of failing the message', () => {
    // Every encoding of a value this long makes a pattern V8 refuses to compile.
    const large = `${'/"é'.repeat(10_000)}tail`;
    const masked = redact(`AWS said: ${large} is too large`, [large]);
    expect(masked).toBe(`AWS said: ${R} is too large`);
    expect(redact(`then ${Buffer.from(large).toString('base64')}`, [large])).not.toContain(Buffer.from(large).toString('base64').slice(8, 40));
  });

  it('does not mask short values that would hit ordinary words', () => {
    expect(redact('profile dev in eu-west-1', ['dev'])).toBe('profile dev in eu-west-1');
  });

  it('masks secrets and tokens the caller knows, ignoring missing ones', () => {
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
    expect(redact(`failed with ${key} and session ${token}`, [key, token, undefined, null])).toBe(`failed with ${R} and session ${R}`);
  });
});

/** Every run of base64 characters in the text, decoded at each of the four character alignments. */
function decodedBase64Runs(text: string): Buffer[] {
  const runs = text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? [];
  return runs.flatMap((run) => [0, 1, 2, 3].map((shift) => {
    const aligned = run.slice(shift);
    return Buffer.from(aligned.slice(0, aligned.length - (aligned.length % 4)).replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  }));
}

// `[` and `]` are left out of generated secrets: "[REDACTED]" next to random text could otherwise
// spell a secret that contains "ED]" without anything having leaked.
const secretChars = fc.constantFrom(...'abcXYZ0189 !"#$%&\'()*+,-./:;<=>?@\\^_`{|}~é✓😀\n\t'.split(/(?:)/u));
const secretArb = fc.string({ unit: secretChars, minLength: 8, maxLength: 24 });
const textArb = fc.string({ maxLength: 30 });

describe('redact: properties', () => {
  const encodings: Record<string, (secret: string) => string> = {
    raw: (s) => s,
    uri: (s) => encodeURIComponent(s),
    form: (s) => new URLSearchParams([['v', s]]).toString().slice(2),
    json: (s) => JSON.stringify(s).slice(1, -1),
    jsonTwice: (s) => JSON.stringify(JSON.stringify(s)).slice(3, -3),
    base64: (s) => Buffer.from(s).toString('base64'),
    base64url: (s) => Buffer.from(s).toString('base64url'),
  };

  it('issue 9 item 6: a known secret never survives in any of its encodings inside random text', () => {
    fc.assert(
      fc.property(secretArb, textArb, textArb, fc.constantFrom(...Object.keys(encodings)), (secret, before, after, encoding) => {
        const encoded = encodings[encoding]!(secret);
        const masked = redact(`${before}${encoded}${after}`, [secret]);
        expect(masked).not.toContain(encoded);
        expect(masked).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('issue 9 item 6: a known secret never survives base64-encoded at any offset of a longer value', () => {
    fc.assert(
      fc.property(secretArb, fc.uint8Array({ maxLength: 7 }), fc.uint8Array({ maxLength: 7 }), textArb, (secret, head, tail, before) => {
        const blob = Buffer.concat([head, Buffer.from(secret), tail]);
        const masked = redact(`${before} ${blob.toString('base64')} x ${blob.toString('base64url')}`, [secret]);
        expect(decodedBase64Runs(masked).some((bytes) => bytes.includes(Buffer.from(secret)))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  const valueArb = fc.stringMatching(/^[A-Za-z0-9!#%*+.:@^_~-]{8,20}$/).filter((v) => !/^(?:true|false|null|none|nil|undefined)$/i.test(v));
  const namedShapes: Record<string, (value: string) => string> = {
    env: (v) => `DB_PASSWORD=${v}`,
    envQuoted: (v) => `export ASTRO_API_TOKEN="${v}"`,
    yaml: (v) => `  password: ${v}`,
    json: (v) => `{"client_secret": ${JSON.stringify(v)}, "x": 1}`,
    pythonRepr: (v) => `{'password': '${v}', 'login': 'me'}`,
    header: (v) => `X-Amz-Security-Token: ${v}`,
    query: (v) => `https://h/p?a=1&api_key=${encodeURIComponent(v)}&b=2`,
    uri: (v) => `postgres://user:${encodeURIComponent(v)}@db:5432/x`,
    secretString: (v) => `{"SecretString":${JSON.stringify(JSON.stringify({ password: v }))}}`,
  };

  it('issue 9 item 6: a value in any named shape never survives, unknown to the caller', () => {
    fc.assert(
      fc.property(valueArb, fc.constantFrom(...Object.keys(namedShapes)), textArb, (value, shape, after) => {
        const masked = redact(`${namedShapes[shape]!(value)}\n${after}`);
        expect(masked).not.toContain(value);
        expect(masked).not.toContain(encodeURIComponent(value));
      }),
      { numRuns: 300 },
    );
  });

  it('issue 9 item 6: redacting twice changes nothing more', () => {
    const fragments = fc.constantFrom('password', 'DB_PASSWORD', 'token', '=', ': ', '"', "'", '\\"', ' ', '\n', ',', 'abc123', 'x://u:p@h', 'Bearer ', 'AKIAIOSFODNN7EXAMPLE', '{', '}', 'eyJhbGciOi.e30.x', 'secret');
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 14 }).map((parts) => parts.join('')), (text) => {
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });
});

describe('sensitive names', () => {
  it.each(['DB_PASSWORD', 'client_secret', 'ASTRO_API_TOKEN', 'aws_secret_access_key', 'X-Amz-Security-Token', 'SecretString', 'SecretBinary', 'passwd', 'PWD', 'private_key', 'api_key', 'apikey', 'Authorization', 'TokenCode', 'accesstoken'])(
    'issue 9 item 6: %s is sensitive',
    (name) => expect(isSensitiveName(name)).toBe(true),
  );

  it.each(['SecretId', 'secret_name', 'AIRFLOW__SECRETS__BACKEND', 'connections_prefix', 'is_secret', 'NextToken', 'ClientRequestToken', 'token_type', 'aws_access_key_id', 'credential_process', 'private_key_id', 'secretsmanager'])(
    'issue 9 item 6: %s is not sensitive',
    (name) => expect(isSensitiveName(name)).toBe(false),
  );
});

describe('redactValue', () => {
  it('issue 9 item 6: masks strings inside objects and whole values under sensitive keys', () => {
    const redactor = createRedactor(['known-secret-1']);
    expect(redactValue({ stderr: 'DB_PASSWORD=a b c\nok', nested: [{ password: 'plain', port: 5432 }, 'has known-secret-1'], tokenCode: 123456, isSecret: true }, redactor)).toEqual({
      stderr: `DB_PASSWORD=${R}\nok`,
      nested: [{ password: R, port: 5432 }, `has ${R}`],
      tokenCode: R,
      isSecret: true,
    });
  });
});
