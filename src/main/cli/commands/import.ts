import type { CoreContext } from '../../core/context.js';
import { importMail, type MailImportProgress } from '../../core/ops/mail-import.js';
import { parse, required, UsageError } from '../args.js';
import { print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

const PROGRESS_EVERY_MS = 1000; // stderr gets a line a second at most, besides the first batch's and the last

/** `parley import`: a seller's old mail (mbox or Maildir) into the record; progress on stderr, the counts on stdout. */
export async function importCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { seller: { type: 'string' }, mbox: { type: 'string' }, maildir: { type: 'string' } });
  if (!values.mbox === !values.maildir)
    throw new UsageError('usage: parley import --seller ID (--mbox FILE | --maildir DIR)');
  const sellerId = required(values, 'seller');
  const ctx = open(values);
  const started = Date.now();
  let shown = 0;
  let first = true;
  const show = (p: MailImportProgress, last = false) => {
    const now = Date.now();
    // The first batch is always shown: the seller sees at once that it runs and how fast.
    if (!last && now - shown < PROGRESS_EVERY_MS && !(first && p.done > 0)) return;
    if (p.done > 0) first = false;
    shown = now;
    const rate = Math.round((p.done * 1000) / Math.max(1, now - started));
    process.stderr.write(`import: ${p.done} of ${p.total} messages (${rate}/s), ${p.imported} new\n`);
  };
  const result = await importMail(ctx, {
    sellerId,
    kind: values.mbox ? 'mbox' : 'maildir',
    source: (values.mbox ?? values.maildir) as string,
    onProgress: (p) => show(p),
  });
  show(result, true);
  const rate = Math.round((result.done * 1000) / Math.max(1, result.ms));
  print(values.json, { ...result, rate }, () => [
    `${result.imported} imported, ${result.duplicates} already there, ${result.skipped} skipped (mailing lists, bulk mail, ` +
      `auto-replies, no buyer), ${result.refused} refused of ${result.total} messages in ${(result.ms / 1000).toFixed(1)} s ` +
      `(${rate} messages/s)${result.resumed ? '; went on where the last import stopped' : ''}`,
    ...result.refusedList.map((r) => `  message ${r.at}: ${r.message}`),
  ]);
}
