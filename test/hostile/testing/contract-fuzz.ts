/**
 * Hostile clients of the web bridge: for every contract call, bodies of the wrong type, with fields
 * missing, extra, null, huge or nested 10,000 deep, prototype keys, broken JSON and the wrong content type, and a set
 * of inputs the schema accepts but that are hostile all the same (ids past any row, search syntax, huge offsets).
 * Every answer must be a 4xx with `{ ok: false, error: { code, message } }` (a schema-valid input may also get a 2xx),
 * never a 5xx and never no answer. `runContractFuzz` sends them over real HTTP and counts.
 */
import http from 'node:http';
import { z } from 'zod';
import { BRIDGE, CALL_NAMES, CONTRACT, type CallName } from '../../../src/shared/contract.js';

export interface FuzzCase {
  call: CallName | string;
  label: string;
  body: string | Buffer;
  /** Extra or replacing request headers; `null` drops a default header. */
  headers?: Record<string, string | string[] | null>;
  method?: string;
  path?: string;
  /** The statuses this case may get; default: any 4xx. */
  expect?: number[];
  /** The request leaves the API (a path that normalizes elsewhere): the answer need not be the contract's JSON. */
  plain?: boolean;
}

export interface FuzzAnswer {
  status: number;
  body: string;
  ms: number;
}

export interface FuzzFailure {
  label: string;
  call: string;
  status: number | 'timeout' | 'error';
  body: string;
}

export interface ContractFuzzReport {
  calls: number;
  requests: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  timeouts: number;
  /** Other failures: a 4xx without the JSON error, a refused valid call, a dropped connection. */
  failures: FuzzFailure[];
  maxMs: number;
  wallMs: number;
}

const MB = 1024 * 1024;

/** A JSON text nested `depth` levels: arrays, objects, or both alternating. */
export function nested(depth: number, kind: 'array' | 'object' | 'mixed' = 'mixed'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

/** Values of every wrong type and size (as JSON text) for one field. */
function wrongValues(big: boolean): [string, string][] {
  const values: [string, string][] = [
    ['null', 'null'],
    ['true', 'true'],
    ['zero', '0'],
    ['negative', '-1'],
    ['fraction', '1.5'],
    ['2^53', '9007199254740993'],
    ['1e308', '1e308'],
    ['-1e308', '-1e308'],
    ['number overflow', '1e999'],
    ['long number', '1' + '0'.repeat(5000)],
    ['"NaN"', '"NaN"'],
    ['"Infinity"', '"Infinity"'],
    ['"-Infinity"', '"-Infinity"'],
    ['empty string', '""'],
    ['string of digits', '"42"'],
    ['NUL string', '"\\u0000"'],
    ['lone surrogate', '"\\ud800"'],
    ['100 KB string', JSON.stringify('x'.repeat(100_000))],
    ['empty array', '[]'],
    ['array', '[1,"a",null]'],
    ['empty object', '{}'],
    ['object', '{"$gt":""}'],
    ['__proto__ object', '{"__proto__":{"polluted":true}}'],
    ['nested 10,000', nested(10_000)],
  ];
  if (big) values.push(['10 MB string', JSON.stringify('y'.repeat(10 * MB))]);
  return values;
}

interface Shape {
  keys: string[];
  required: string[];
}

/** The object keys a call's schema takes (for a union, those of its first member). */
function shapeOf(schema: z.ZodType): Shape {
  let s: z.ZodType = schema;
  if (s instanceof z.ZodUnion) s = s.options[0] as z.ZodType;
  if (!(s instanceof z.ZodObject)) return { keys: [], required: [] };
  const shape = s.shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape);
  return { keys, required: keys.filter((k) => !shape[k].safeParse(undefined).success) };
}

/** A plausible value per field name, so that one broken field is the only thing wrong with an input. */
const PLAUSIBLE: Record<string, unknown> = {
  id: 1,
  conversationId: 1,
  messageId: 1,
  attachmentId: 1,
  replyToMessageId: 1,
  filter: 'all',
  offset: 0,
  limit: 10,
  query: 'hello',
  reason: 'spam',
  note: 'n',
  name: 'Shop',
  email: 'a@b.example',
  language: 'en',
  domain: 'relay.example',
  smarthost: 'smtp://127.0.0.1:1',
  smarthostUser: 'u',
  smarthostPassword: 'p',
  url: 'smtp://127.0.0.1:1',
  user: 'u',
  password: 'p',
  type: 'text/plain',
  dataBase64: 'aGVsbG8=',
  fileName: 'orders.txt',
  orderId: '302-1111111-1111111',
  carrier: 'DHL',
  tracking: '123',
  alias: 'k3j4h5g6f7d8s9a',
  topic: 'other',
  subject: 'Hello',
  body: 'Text',
  important: false,
  attachments: [],
  confirm: false,
  seller: {},
  relay: {},
  ui: {},
};

const GENERIC_BODIES: [string, string | Buffer][] = [
  ['JSON null', 'null'],
  ['JSON array', '[]'],
  ['JSON array of objects', '[{}]'],
  ['JSON string', '"x"'],
  ['JSON number', '1'],
  ['JSON true', 'true'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['truncated JSON', '{"a":'],
  ['open brace', '{'],
  ['trailing comma', '{"a":1,}'],
  ['single quotes', "{'a':1}"],
  ['comment', '{/* x */}'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ['UTF-16 BOM', Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ['NUL bytes', Buffer.from([0x7b, 0x00, 0x7d])],
  ['prototype pollution', '{"__proto__":{"isAdmin":true,"polluted":1}}'],
  ['constructor pollution', '{"constructor":{"prototype":{"polluted":1}}}'],
  ['__proto__ null', '{"__proto__":null}'],
  ['nested arrays 10,000', nested(10_000, 'array')],
  ['nested objects 10,000', nested(10_000, 'object')],
  ['nested 100,000', nested(100_000)],
  ['unknown field only', '{"zzz":1}'],
  ['many fields', JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])))],
];

/**
 * Every case for one call: generic bodies, then each field broken in every way, missing, and an extra field. `big`:
 * also the 10 MB bodies (a 10 MB string in the first field, a 10 MB array).
 */
export function casesFor(call: CallName, big = true): FuzzCase[] {
  const schema = CONTRACT[call].input as z.ZodType;
  const { keys, required } = shapeOf(schema);
  const base = Object.fromEntries(keys.map((k) => [k, PLAUSIBLE[k] ?? 'x']));
  const cases: FuzzCase[] = GENERIC_BODIES.map(([label, body]) => ({ call, label, body }));
  if (big) cases.push({ call, label: '10 MB array', body: `[${'0,'.repeat(5 * MB)}0]` });
  for (const key of keys) {
    // The big string once per call, in its first field: 10 MB for every field would be most of the run.
    for (const [label, value] of wrongValues(big && key === keys[0])) {
      const text = JSON.stringify({ ...base, [key]: '\u0000PLACEHOLDER\u0000' }).replace(
        '"\\u0000PLACEHOLDER\\u0000"',
        value,
      );
      cases.push({ call, label: `${key}: ${label}`, body: text });
    }
  }
  for (const key of required) {
    const rest = { ...base };
    delete rest[key];
    cases.push({ call, label: `${key} missing`, body: JSON.stringify(rest) });
  }
  cases.push({ call, label: 'extra field', body: JSON.stringify({ ...base, extra: 1 }) });
  cases.push({
    call,
    label: 'extra __proto__ field',
    body: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"x":1},'),
  });
  cases.push({ call, label: 'wrong content type', body: '{"zzz":1}', headers: { 'content-type': 'text/plain' } });
  cases.push({
    call,
    label: 'form content type',
    body: 'a=1&b=2',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  cases.push({ call, label: 'no content type', body: 'null', headers: { 'content-type': null } });
  cases.push({ call, label: 'GET', body: '', method: 'GET', expect: [405] });
  cases.push({ call, label: 'PUT', body: '{}', method: 'PUT', expect: [405] });
  return cases;
}

// Schema-valid but hostile: ids past any row, numbers at the edge, search syntax, SQL, control characters.
const HUGE_IDS = [2 ** 31, 2 ** 53 - 1, 1];
const HOSTILE_TEXT = [
  '"',
  "'",
  '*',
  'a*',
  '"unterminated',
  'NEAR(',
  'a OR',
  'AND',
  'NOT',
  '(',
  ')',
  '^',
  '-',
  ':',
  'col:x',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '\u0000',
  '\ud83d',
  '🙂',
  'x'.repeat(200),
  '{}',
  '../../etc/passwd',
];

/** Inputs the schema accepts, for the calls whose handlers only read or refuse: any 2xx or 4xx, never a 5xx. */
export function hostileValidCases(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (call: CallName, label: string, input: unknown) => {
    if (!CONTRACT[call].input.safeParse(input).success) throw new Error(`not valid for ${call}: ${label}`);
    cases.push({
      call,
      label: `valid: ${label}`,
      body: JSON.stringify(input),
      expect: [200, 400, 403, 404, 409, 413, 422],
    });
  };
  for (const id of HUGE_IDS) {
    for (const call of [
      'conversation.get',
      'message.body',
      'drafts.get',
      'drafts.delete',
      'outbox.retry',
      'outbox.cancel',
      'reports.withdraw',
    ] as const)
      add(call, `id ${id}`, { id });
    for (const call of ['message.noResponse', 'message.release'] as const)
      add(call, `messageId ${id}`, { messageId: id });
    add('attachment.get', `ids ${id}`, { messageId: id, attachmentId: id });
    add('message.report', `messageId ${id}`, { messageId: id, reason: 'spam', note: '\u0000'.repeat(2000) });
    add('record.export', `conversationId ${id}`, { conversationId: id });
    add('inbox.list', `offset ${id}`, { filter: 'all', offset: id, limit: 500 });
    add('orders.list', `offset ${id}`, { query: '', offset: id, limit: 500 });
  }
  for (const text of HOSTILE_TEXT) {
    const label = JSON.stringify(text).slice(0, 20);
    if (text.trim().length > 0) add('inbox.search', `query ${label}`, { query: text, limit: 200 });
    add('orders.list', `query ${label}`, { query: text, limit: 500 });
    if (text.trim().length > 0) {
      add('record.export', `orderId ${label}`, { orderId: text.slice(0, 100) });
      add('orders.ship', `orderId ${label}`, { orderId: text.slice(0, 100) });
    }
    add('composer.check', `alias ${label}`, { alias: text, subject: text, body: text });
    add('files.check', `name ${label}`, { name: text.length > 0 ? text : 'x', type: text, dataBase64: '' });
  }
  add('files.check', 'base64 garbage', { name: 'a.pdf', type: 'application/pdf', dataBase64: '====\r\n==AB' });
  add('files.check', '10 MB of zeros', { name: 'a.pdf', dataBase64: Buffer.alloc(10 * MB).toString('base64') });
  add('orders.import', 'not a report', {
    fileName: 'x.txt',
    dataBase64: Buffer.from('\u0000\xff\t\t\n'.repeat(1000)).toString('base64'),
  });
  add('orders.import', 'empty', { fileName: 'x.txt', dataBase64: '' });
  add('composer.check', 'unknown conversation', {
    conversationId: 2 ** 31,
    subject: 's',
    body: 'b',
    replyToMessageId: 2 ** 31,
  });
  add('composer.check', 'attachment not uploaded', {
    alias: 'k3j4h5g6f7d8s9a',
    subject: 's',
    body: 'b',
    attachments: [{ sha256: '0'.repeat(64), name: '../../x.exe', type: 'x', size: 2 ** 53 - 1 }],
  });
  add('senders.remove', 'not a sender', { email: 'nobody@nowhere.example' });
  return cases;
}

/**
 * A reply to a real buyer message (`conversationId`, `messageId` from the store) whose body is huge: the composer
 * quotes the original below what the seller wrote, trimming both, on every live check while the seller types.
 */
export function replyCases(conversationId: number, messageId: number): FuzzCase[] {
  const reply = (label: string, body: string): FuzzCase => ({
    call: 'composer.check',
    label: `valid: reply, ${label}`,
    body: JSON.stringify({ conversationId, replyToMessageId: messageId, subject: 's', body }),
    expect: [200, 400, 404, 409, 413, 422],
  });
  return [
    reply('900,000 spaces inside the body', `a${' '.repeat(900_000)}b`),
    reply('900,000 line breaks inside the body', `a${'\n'.repeat(900_000)}b`),
    reply('1,000,000 characters of one word', 'x'.repeat(1_000_000)),
  ];
}

/** The token, Host and Origin checks and the routes around the calls: 401, 403, 404, 405, 413 or 421. */
export function gateCases(token: string): FuzzCase[] {
  const call: CallName = 'app.status';
  const c = (label: string, extra: Partial<FuzzCase>, expect: number[]): FuzzCase => ({
    call,
    label,
    body: '{}',
    expect,
    ...extra,
  });
  return [
    c('no token', { headers: { [BRIDGE.tokenHeader]: null } }, [401]),
    c('empty token', { headers: { [BRIDGE.tokenHeader]: '' } }, [401]),
    c('wrong token', { headers: { [BRIDGE.tokenHeader]: 'x'.repeat(token.length) } }, [401]),
    c('token in upper case', { headers: { [BRIDGE.tokenHeader]: token.toUpperCase() } }, [401]),
    c('token with a space', { headers: { [BRIDGE.tokenHeader]: ` ${token}x` } }, [401]),
    c('token prefix', { headers: { [BRIDGE.tokenHeader]: token.slice(0, -1) } }, [401]),
    c('token twice', { headers: { [BRIDGE.tokenHeader]: ['wrong', token] } }, [401]),
    c('8 KB token', { headers: { [BRIDGE.tokenHeader]: 'a'.repeat(8000) } }, [401]),
    c('token header too large', { headers: { [BRIDGE.tokenHeader]: 'a'.repeat(100_000) } }, [431]),
    c(
      'token as a query parameter',
      { path: `${BRIDGE.callPath(call)}?${BRIDGE.tokenParam}=${token}`, headers: { [BRIDGE.tokenHeader]: null } },
      [401],
    ),
    c('foreign origin', { headers: { origin: 'http://evil.example' } }, [403]),
    c('null origin', { headers: { origin: 'null' } }, [403]),
    c('foreign host', { headers: { host: 'evil.example' } }, [421]),
    c('no host', { headers: { host: '' } }, [400, 421]),
    c('unknown call', { path: '/api/call/no.such.call' }, [404]),
    c('__proto__ call', { path: '/api/call/__proto__' }, [404]),
    c('constructor call', { path: '/api/call/constructor' }, [404]),
    c('hasOwnProperty call', { path: '/api/call/hasOwnProperty' }, [404]),
    c('encoded call name', { path: '/api/call/app%2Estatus%00' }, [404]),
    c('path traversal', { path: '/api/call/../../../etc/passwd', plain: true }, [404, 405]),
    c('long call name', { path: `/api/call/${'a'.repeat(7000)}` }, [404]),
    c('api root', { path: '/api' }, [404]),
    c(
      'events without token',
      { path: BRIDGE.eventsPath, method: 'GET', headers: { [BRIDGE.tokenHeader]: null } },
      [401],
    ),
    c('events by POST', { path: `${BRIDGE.eventsPath}?${BRIDGE.tokenParam}=${token}`, method: 'POST' }, [405]),
    c('declared 1 GB', { headers: { 'content-length': String(1024 * MB) }, body: '' }, [400, 413]),
    c('21 MB body', { body: Buffer.alloc(21 * MB, 0x20) }, [413]),
  ];
}

/** A malformed case that happens to be valid for its schema (`"note": ""`) would run the call: it is left out. */
function schemaValid(c: FuzzCase): boolean {
  if (c.expect || !(c.call in CONTRACT)) return false;
  let input: unknown;
  try {
    const text = Buffer.isBuffer(c.body) ? c.body.toString('utf8') : c.body;
    input = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    return false;
  }
  return CONTRACT[c.call as CallName].input.safeParse(input).success;
}

/** `big`: which calls also get the 10 MB bodies (all of them in the bench; a few in the test, for its time). */
export function allCases(token: string, big: (call: CallName) => boolean = () => true): FuzzCase[] {
  const malformed = CALL_NAMES.flatMap((name) => casesFor(name, big(name))).filter((c) => !schemaValid(c));
  return [...gateCases(token), ...malformed, ...hostileValidCases()];
}

/** One raw HTTP request (fetch may not set Host or send a body it cannot check), bounded by `timeoutMs`. */
export function send(port: number, token: string, c: FuzzCase, timeoutMs: number): Promise<FuzzAnswer | 'timeout'> {
  const headers: Record<string, string | string[]> = {
    host: `127.0.0.1:${port}`,
    'content-type': 'application/json',
    [BRIDGE.tokenHeader]: token,
  };
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const body = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body;
  if (!('content-length' in headers) && c.method !== 'GET') headers['content-length'] = String(body.length);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: c.method ?? 'POST',
      path: c.path ?? BRIDGE.callPath(c.call as CallName),
      headers,
      setHost: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('timeout');
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        });
      });
      res.on('error', () => undefined);
    });
    // The server may answer (413) and close before it has read a body it refused: that is its right.
    req.on('error', () => undefined);
    if (c.method === 'GET') req.end();
    else req.end(body);
  });
}

function isContractError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
    return parsed.ok === false && typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}

/** Statuses Node's HTTP parser answers by itself, before the bridge sees the request: no JSON body. */
const PARSER_STATUSES = new Set([400, 431]);

function judge(c: FuzzCase, a: FuzzAnswer): string | null {
  if (a.status >= 500) return `status ${a.status}`;
  if (c.expect && !c.expect.includes(a.status)) return `status ${a.status}, expected ${c.expect.join(' or ')}`;
  if (!c.expect && (a.status < 400 || a.status >= 500)) return `status ${a.status}, expected a 4xx`;
  if (a.status >= 400 && a.status !== 421 && !c.plain && !PARSER_STATUSES.has(a.status) && !isContractError(a.body))
    return `a ${a.status} without { ok: false, error: { code, message } }`;
  if (a.status === 400 && !isContractError(a.body) && c.label !== 'no host') return 'a 400 without a JSON error';
  return null;
}

export async function runContractFuzz(opts: {
  port: number;
  token: string;
  cases: FuzzCase[];
  concurrency?: number;
  timeoutMs?: number;
}): Promise<ContractFuzzReport> {
  const started = performance.now();
  const report: ContractFuzzReport = {
    calls: new Set(opts.cases.map((c) => c.call)).size,
    requests: 0,
    status2xx: 0,
    status4xx: 0,
    status5xx: 0,
    timeouts: 0,
    failures: [],
    maxMs: 0,
    wallMs: 0,
  };
  let next = 0;
  const worker = async () => {
    while (next < opts.cases.length) {
      const c = opts.cases[next++];
      const answer = await send(opts.port, opts.token, c, opts.timeoutMs ?? 15_000);
      report.requests++;
      if (answer === 'timeout') {
        report.timeouts++;
        report.failures.push({ label: c.label, call: c.call, status: 'timeout', body: '' });
        continue;
      }
      report.maxMs = Math.max(report.maxMs, answer.ms);
      if (answer.status >= 200 && answer.status < 300) report.status2xx++;
      else if (answer.status >= 400 && answer.status < 500) report.status4xx++;
      else if (answer.status >= 500) report.status5xx++;
      const wrong = judge(c, answer);
      if (wrong)
        report.failures.push({
          label: `${c.label}: ${wrong}`,
          call: c.call,
          status: answer.status,
          body: answer.body.slice(0, 300),
        });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  report.wallMs = performance.now() - started;
  return report;
}

export function formatContractReport(r: ContractFuzzReport): string {
  const lines = [
    `contract fuzz over the web bridge: ${r.calls} calls, ${r.requests} requests — ${r.status4xx} 4xx, ${r.status2xx} 2xx (schema-valid hostile inputs), ${r.status5xx} 5xx, ${r.timeouts} timeouts; slowest answer ${Math.round(r.maxMs)} ms; ${(r.wallMs / 1000).toFixed(1)} s`,
  ];
  for (const f of r.failures.slice(0, 40)) lines.push(`  ${f.call} — ${f.label} — ${f.body}`);
  if (r.failures.length > 40) lines.push(`  … and ${r.failures.length - 40} more`);
  return lines.join('\n');
}
