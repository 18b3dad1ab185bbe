/**
 * The privacy property (R5, R6): generated messages both ways, each with the sender's real address planted
 * in random header fields, parts, encodings and spellings (privacy-messages.ts), through the real rewrite in process;
 * then counted at the receiving side (mail/testing/address-leaks.ts: raw bytes, every decoded header, parameter, file
 * name and text part) and, for a buyer's message, in what the seller's inbox would show (the parse the relay records,
 * the HTML the conversation pane reads, both through the app's scrubber). Binary attachments that carry the address
 * cannot be rewritten: each must be found by the warning's search instead.
 */
import { performance } from 'node:perf_hooks';
import { MimeViews } from '../../../src/main/core/app/mime-view.js';
import { scrubber } from '../../../src/main/core/app/privacy.js';
import { unrewritableParts } from '../../../src/main/core/mail/body-addresses.js';
import { splitMessage } from '../../../src/main/core/mail/header-block.js';
import { findLeaks, occurrencesInText } from '../../../src/main/core/mail/testing/address-leaks.js';
import { parseMessage } from '../../../src/main/core/relay/parse.js';
import { rewriteForBuyer, rewriteForSeller } from '../../../src/main/core/relay/rewrite.js';
import type { BlobStore } from '../../../src/main/core/store/blobs.js';
import { plantedMessage, randomAddress, rng } from './privacy-messages.js';

const ALIAS = 'k3j4h5g6f7d8s9a@relay.test';
const REPLY = 'shop-one.q8w7e6r5t4@relay.test';
const BUYER = 'real.buyer@buyers.example';

export interface PrivacyReport {
  seed: number;
  messages: number;
  /** Occurrences of the address a receiver can read (outside binary attachments): must be 0. */
  leaks: number;
  /** Header fields (X-Forwarded-For, User-Agent, References, In-Reply-To) still naming the sender's domain. */
  domainLeaks: number;
  /** Occurrences in what the seller's inbox would show of a buyer's message. */
  viewLeaks: number;
  /** Binary attachments planted with the address / found by the warning's search. */
  binaryPlanted: number;
  binaryWarned: number;
  ms: number;
  /** The first findings, each with the message number that replays it. */
  findings: string[];
}

const DOMAIN_FIELDS = ['x-forwarded-for', 'user-agent', 'references', 'in-reply-to'];

function domainLeaks(out: Buffer, domain: string): string[] {
  return splitMessage(out)
    .header.toString('latin1')
    .split(/\r?\n(?![ \t])/)
    .filter((line) => DOMAIN_FIELDS.includes(line.slice(0, line.indexOf(':')).toLowerCase()))
    .filter((line) => line.toLowerCase().includes(domain));
}

/** What the seller's view of a buyer's message shows, scrubbed as the app scrubs it. */
async function viewTexts(raw: Buffer, real: string): Promise<string[]> {
  const parsed = await parseMessage(raw);
  const scrub = scrubber([real], ALIAS);
  const html = new MimeViews({ get: () => raw } as unknown as BlobStore).html('');
  const files = parsed.attachments
    .filter((a) => a.declaredType.startsWith('text/'))
    .map((a) => a.content.toString('utf8'));
  return [parsed.subject, parsed.text, html ?? '', ...parsed.attachments.map((a) => a.filename), ...files].map(scrub);
}

/** Message `index` of the run with `seed`: the same message on every machine. */
export async function checkMessage(seed: number, index: number, report: PrivacyReport): Promise<void> {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const toSeller = index % 2 === 0;
  const real = randomAddress(r);
  const planted = plantedMessage(r, real, toSeller ? 'shop-one@relay.test' : ALIAS);
  const started = performance.now();
  const out = toSeller
    ? rewriteForSeller(planted.raw, {
        aliasAddress: ALIAS,
        buyerName: (await parseMessage(planted.raw)).fromName,
        buyerAddress: real,
        relayMessageId: '<p0123456789abcdefghijklmnopqrstu@relay.test>',
        mapId: () => undefined,
        authResults: 'relay.test; spf=pass; dkim=pass; dmarc=pass',
        removals: [],
        actions: { report: 'action+r@relay.test', noResponse: 'action+n@relay.test', language: 'de' },
      })
    : rewriteForBuyer(planted.raw, {
        shopName: 'Shop One',
        replyAddress: REPLY,
        buyerAddress: BUYER,
        buyerName: 'Jane Buyer',
        aliasAddress: ALIAS,
        hideAddresses: [real],
        relayMessageId: '<p0123456789abcdefghijklmnopqrstu@relay.test>',
        mapId: () => undefined,
        removals: [],
      });
  report.ms += performance.now() - started;
  report.messages++;
  const where = `#${index} (${toSeller ? 'buyer → seller' : 'seller → buyer'}, ${real})`;
  const leaks = findLeaks(out, real);
  report.leaks += leaks.readable;
  if (leaks.readable > 0) report.findings.push(`${where}: ${leaks.where.join('; ')}`);
  const domain = domainLeaks(out, real.slice(real.indexOf('@') + 1));
  report.domainLeaks += domain.length;
  if (domain.length > 0) report.findings.push(`${where}: domain in ${domain.join('; ')}`);
  report.binaryPlanted += planted.binaryWithAddress;
  const warned = unrewritableParts(planted.raw, [real]).length;
  report.binaryWarned += warned;
  if (warned !== planted.binaryWithAddress || leaks.binaryParts.length !== planted.binaryWithAddress)
    report.findings.push(`${where}: ${planted.binaryWithAddress} binary parts planted, ${warned} warned`);
  if (toSeller) {
    const shown = (await viewTexts(planted.raw, real)).reduce((n, t) => n + occurrencesInText(t, real), 0);
    report.viewLeaks += shown;
    if (shown > 0) report.findings.push(`${where}: ${shown} in the seller's view`);
  }
}

export async function runPrivacy(seed: number, n: number): Promise<PrivacyReport> {
  const report: PrivacyReport = {
    seed,
    messages: 0,
    leaks: 0,
    domainLeaks: 0,
    viewLeaks: 0,
    binaryPlanted: 0,
    binaryWarned: 0,
    ms: 0,
    findings: [],
  };
  for (let i = 0; i < n; i++) await checkMessage(seed, i, report);
  report.findings = report.findings.slice(0, 20);
  return report;
}

/** The table the test and `node bench/hostile/privacy.mjs` print. */
export function formatPrivacyReport(report: PrivacyReport, wallMs: number): string {
  const rows: [string, string | number][] = [
    ['seed', report.seed],
    ['messages (both ways)', report.messages],
    ['leaks at the receiving side', report.leaks],
    ['domain leaks (X-Forwarded-For, User-Agent, References)', report.domainLeaks],
    ["leaks in the seller's view", report.viewLeaks],
    ['binary attachments with the address: planted / warned', `${report.binaryPlanted} / ${report.binaryWarned}`],
    ['rewrite time (ms, total)', Math.round(report.ms)],
    ['wall time (s)', (wallMs / 1000).toFixed(1)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
    ...report.findings.map((f) => `  finding ${f.slice(0, 600)}`),
  ].join('\n');
}
