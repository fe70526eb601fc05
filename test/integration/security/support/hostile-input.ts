import fc from 'fast-check';

/** The subset of JSON Schema that TypeBox produces for our protocol (`src/shared/protocol`). */
export interface JsonSchema {
  type?: string;
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Generators for named properties (e.g. ids that exist), used instead of the schema's own. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Strings that have broken servers before: control characters, lone surrogates, injections, direction tricks. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  '👩‍👩‍👧‍👦'.repeat(50),
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '" OR 1=1 --',
  '%s%n%x',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  '\r\nSet-Cookie: mm_session=x',
  'x'.repeat(10_001),
  'y'.repeat(70_000),
];

export const NASTY_NUMBERS: readonly unknown[] = [-1, 0, 1.5, -0, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

/** Values the schema accepts. */
export function validValue(schema: JsonSchema, hints: Hints = {}, name?: string): fc.Arbitrary<unknown> {
  const hinted = name === undefined ? undefined : hints[name];
  if (hinted) return hinted;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, hints, name)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, validValue(s, hints, key)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []) as never[] });
    }
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, hints), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 200);
  if (!schema.pattern) return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
  // The pattern is the protocol's own, not input.
  // eslint-disable-next-line security/detect-non-literal-regexp
  const pattern = new RegExp(schema.pattern);
  // Repeating a short match reaches the minimum length for the character-class patterns we use; the filter keeps
  // this honest for any other.
  return fc
    .stringMatching(pattern)
    .map((s) => (s.length > 0 && s.length < min ? s.repeat(Math.ceil(min / s.length)) : s).slice(0, Math.max(min, max)))
    .filter((s) => s.length >= min && pattern.test(s));
}

/** Like `validValue`, but often wrong: another type, a nasty string or number, a field missing or unknown. */
export function hostileValue(schema: JsonSchema, hints: Hints = {}): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...NASTY_NUMBERS), fc.constantFrom(true, null, [], {}), fc.jsonValue({ maxDepth: 3 }));
  if (schema.type !== 'object' || !schema.properties) return fc.oneof(validValue(schema, hints), scalar);
  const keys = Object.keys(schema.properties);
  const valid = validValue(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
  if (keys.length === 0) return fc.oneof(valid, scalar, fc.record({ unexpected: scalar }));
  return fc.oneof(
    valid,
    scalar,
    // One field replaced by something nasty.
    fc.tuple(valid, fc.constantFrom(...keys), scalar).map(([value, key, bad]) => ({ ...value, [key]: bad })),
    // One field left out.
    fc.tuple(valid, fc.constantFrom(...keys)).map(([value, key]) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))),
    // A field the schema does not know.
    fc.tuple(valid, fc.constantFrom('extra', 'isAdmin', 'userId', 'constructor'), scalar).map(([value, key, bad]) => ({ ...value, [key]: bad })),
  );
}

export interface RawBody {
  contentType: string | null;
  body: string | Uint8Array<ArrayBuffer>;
  label: string;
}

/** Bodies no JSON encoder would produce. */
export const RAW_BODIES: readonly RawBody[] = [
  { label: 'deeply nested arrays', contentType: 'application/json', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { label: 'deeply nested objects', contentType: 'application/json', body: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { label: 'invalid UTF-8', contentType: 'application/json', body: new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  { label: 'an overlong UTF-8 slash', contentType: 'application/json', body: new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]) },
  { label: 'truncated JSON', contentType: 'application/json', body: '{"text": "abc' },
  { label: 'a prototype key', contentType: 'application/json', body: '{"__proto__": {"isAdmin": true}, "text": "x"}' },
  { label: 'a nested prototype key', contentType: 'application/json', body: '{"a": {"__proto__": {"polluted": 1}}}' },
  { label: 'duplicate keys', contentType: 'application/json', body: '{"text": "a", "text": "b", "clientId": "dupdupdup", "clientId": 1}' },
  { label: 'a byte-order mark', contentType: 'application/json', body: '\ufeff{"text": "x"}' },
  { label: 'an empty body', contentType: 'application/json', body: '' },
  { label: 'a bare string', contentType: 'application/json', body: '"hello"' },
  { label: 'a bare number', contentType: 'application/json', body: '1e999' },
  { label: 'an array of everything', contentType: 'application/json', body: JSON.stringify([null, true, 1, 'x', {}, []]) },
  { label: 'over the body limit', contentType: 'application/json', body: `{"text": "${'z'.repeat(300 * 1024)}"}` },
  { label: 'plain text', contentType: 'text/plain', body: 'hello there' },
  { label: 'a form', contentType: 'application/x-www-form-urlencoded', body: 'text=hello&clientId=abcdefgh' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--' },
  { label: 'a JSON content type with odd parameters', contentType: 'application/json; charset=latin1; x=y', body: '{"text": "é"}' },
  { label: 'no content type', contentType: null, body: '{"text": "x"}' },
];

/** What a path parameter can be made to say. */
export const NASTY_PATH_PARAMS: readonly string[] = ['0', '-1', '1.5', '1e3', '9'.repeat(25), 'abc', '%00', '%2e%2e', '..', '1%3BDROP', '%ff', '%20', '0x10', '+1', '1/2'];

/** Query values, including ones that become arrays (`?a=1&a=2`) or are not percent-decodable. */
export const NASTY_QUERIES: readonly string[] = ['a=1&a=2', '%', '%zz', 'after=%00', 'after=-1', 'after=1e99', 'limit=0', 'limit=100000', `q=${'q'.repeat(12_000)}`, `q=${'q'.repeat(20_000)}`, '__proto__[x]=1', 'after[]=1'];
