import path from 'node:path';
import type { Decision } from '../../../shared/domain.js';
import type { CoreContext } from '../../core/context.js';
import { checkDraft, sendDraft, type OutgoingDraft } from '../../core/ops/send.js';
import { parse, required, UsageError } from '../args.js';
import { ATTACHMENT_LIMIT, BODY_LIMIT, readStdin, readUserFile } from '../files.js';
import { EXIT_POLICY, print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

const OPTIONS = {
  seller: { type: 'string' },
  to: { type: 'string' },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  attach: { type: 'string', multiple: true },
  reason: { type: 'string' },
  'reply-to': { type: 'string' },
  confirm: { type: 'boolean', default: false },
} as const;

async function readDraft(values: ReturnType<typeof parse<typeof OPTIONS>>['values']): Promise<OutgoingDraft> {
  if (values.reason !== undefined && values.reason !== 'additional-info')
    throw new UsageError('--reason must be additional-info');
  const bodyFile = required(values, 'body-file');
  const body =
    bodyFile === '-' ? await readStdin('--body-file', BODY_LIMIT) : readUserFile('--body-file', bodyFile, BODY_LIMIT);
  return {
    sellerId: required(values, 'seller'),
    alias: required(values, 'to'),
    subject: required(values, 'subject'),
    text: body.toString('utf8'),
    attachments: (values.attach ?? []).map((file) => ({
      filename: path.basename(file),
      content: readUserFile('--attach', file, ATTACHMENT_LIMIT),
    })),
    reason: values.reason as 'additional-info' | undefined,
    inReplyTo: values['reply-to'],
    confirmed: values.confirm || undefined,
  };
}

const quote = (phrases: string[] | undefined) => (phrases ?? []).map((p) => `"${p}"`).join(', ');

/** R12 in one line: the category (or "not sure" and the best guess), how sure, and the phrases on either side. */
function describeCategory(c: Decision['category']): string {
  const necessity = c.necessary === null ? 'unclear' : c.necessary ? 'necessary' : 'not necessary';
  const what = c.unsure
    ? `not sure${c.guess ? ` (best guess ${c.guess}, ${c.confidence})` : ''}`
    : `${c.category} (${necessity}, confidence ${c.confidence})`;
  const phrases = c.phrases.length ? ` — ${quote(c.phrases)}` : '';
  const against = c.runnerUp && (c.against ?? []).length ? `; for ${c.runnerUp}: ${quote(c.against)}` : '';
  return `category: ${what}${phrases}${against}`;
}

export function describeDecision(d: Decision): string[] {
  const lines = [`verdict: ${d.verdict}${d.rules.length ? ` (${d.rules.join(', ')})` : ''}`];
  for (const r of d.reasons) lines.push(`  ${r.rule}: ${r.message}`);
  if (d.verdict === 'hold') lines.push('  parley send refuses it as it is (R11); add --confirm to send it anyway');
  lines.push(describeCategory(d.category));
  for (const w of d.warnings) lines.push(`warning ${w.rule}: ${w.message}`);
  for (const a of d.attachments) lines.push(`attachment ${a.filename}: ${a.action}${a.reason ? ` — ${a.reason}` : ''}`);
  lines.push(`daily limit (R16): ${d.quota.sentToday} sent today, ${d.quota.remaining} left (${d.quota.formula})`);
  return lines;
}

export async function sendCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, OPTIONS);
  const draft = await readDraft(values);
  const ctx = open(values);
  const result = await sendDraft(ctx, draft, 'cli');
  print(values.json, result, [`message ${result.messageId}: ${result.response}`, ...describeDecision(result.decision)]);
  if (result.verdict !== 'deliver') process.exitCode = EXIT_POLICY;
}

/** The dry run: prints the Decision and sends nothing. */
export async function checkCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, OPTIONS);
  const draft = await readDraft(values);
  const ctx = open(values);
  const decision = await checkDraft(ctx, draft, 'cli');
  print(values.json, decision, describeDecision(decision));
  if (decision.verdict !== 'deliver' && !(decision.verdict === 'hold' && draft.confirmed))
    process.exitCode = EXIT_POLICY;
}
