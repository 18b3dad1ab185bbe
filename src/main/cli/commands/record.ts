import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../../core/context.js';
import { exportConversation } from '../../core/ops/record-export.js';
import { verifyExport } from '../../core/ops/export-manifest.js';
import { verifyExportZip } from '../../core/ops/verify-export-path.js';
import { verifyStore } from '../../core/ops/verify-store.js';
import { parse, required } from '../args.js';
import { checkUserPath, EXPORT_ZIP_LIMIT, readUserFile } from '../files.js';
import { print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

/**
 * `parley export` writes the seller's copy (the alias wherever the buyer's address was, R5); `--for-authority` the
 * originals, real addresses included, for a dispute authority.
 */
export async function exportCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    seller: { type: 'string' },
    alias: { type: 'string' },
    out: { type: 'string' },
    'for-authority': { type: 'boolean', default: false },
  });
  const ctx = open(values);
  const report = exportConversation(ctx, {
    sellerId: required(values, 'seller'),
    alias: required(values, 'alias'),
    outDir: required(values, 'out'),
    kind: values['for-authority'] ? 'authority' : 'seller-copy',
  });
  print(values.json, report, [
    `exported ${report.messages} messages and ${report.attachments} attachments of ${report.alias} to ${report.dir}` +
      (report.kind === 'authority' ? " (the originals, with the buyer's address, for an authority)" : ''),
    `head hash ${report.head} (keep it to recognize this export); check it with: parley verify --export ${report.dir}`,
    ...report.warnings.map((w) => `warning: ${w}`),
  ]);
}

/**
 * `parley verify` checks the whole store's chain; `--export PATH` checks an exported record (folder or zip) instead.
 */
export async function verifyCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { export: { type: 'string' } });
  if (values.export) {
    const target = values.export;
    checkUserPath('--export', target);
    const result = fs.statSync(target).isDirectory()
      ? verifyExport(target)
      : verifyExportZip(readUserFile('--export', target, EXPORT_ZIP_LIMIT), path.basename(target));
    print(values.json, result, [
      result.ok
        ? `ok: ${result.checked} files complete and unaltered`
        : `NOT OK: ${result.firstBad?.path}: ${result.firstBad?.problem}`,
    ]);
    if (!result.ok) process.exitCode = 1;
    return;
  }
  const result = verifyStore(open(values));
  print(values.json, result, [
    result.ok
      ? `ok: ${result.messages} messages, hash chain intact, every file matches`
      : `NOT OK: message ${result.firstBad?.messageId}: ${result.firstBad?.problem}`,
  ]);
  if (!result.ok) process.exitCode = 1;
}

/** What the relay received and sent, with delivery states (R8): the headless view of the mailbox. */
export async function messagesCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { seller: { type: 'string' }, alias: { type: 'string' }, limit: { type: 'string' } });
  const ctx = open(values);
  const sellerId = ctx.sellers.require(required(values, 'seller')).id;
  const rows = ctx.recordReader.listForSeller(sellerId, {
    alias: values.alias?.split('@')[0] ?? null,
    limit: Number(values.limit ?? 50),
  });
  const messages = rows.map((r) => ({
    ...r,
    aliasAddress: r.alias ? ctx.addresses.aliasAddress(r.alias) : null,
    rules: JSON.parse(r.rules) as string[],
    state:
      r.verdict === 'deliver' || r.released
        ? (r.state ?? 'queued')
        : r.verdict === 'block'
          ? 'blocked'
          : r.verdict === 'reject'
            ? 'rejected'
            : r.verdict,
  }));
  print(
    values.json,
    { messages },
    messages.length === 0
      ? [`no messages for ${sellerId}${values.alias ? ` and ${values.alias}` : ''}`]
      : messages.map(
          (m) =>
            `${m.id}\t${m.received_at}\t${m.direction}\t${m.state}${m.rules.length ? ` (${m.rules.join(',')})` : ''}\t${m.aliasAddress ?? ''}\t${m.subject}`,
        ),
  );
}
