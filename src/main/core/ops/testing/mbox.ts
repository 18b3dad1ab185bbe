/** Mail and mailboxes for the history import's tests: plain RFC 5322 messages and an mbox (mboxrd) of them. */

export interface TestMail {
  from: string;
  to: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  date?: string;
  body?: string;
  headers?: Record<string, string>;
  /** A small PDF attachment under this name. */
  attachment?: string;
}

export function testMail(m: TestMail): Buffer {
  const head = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${m.date ?? 'Tue, 03 Nov 2026 10:00:00 +0100'}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  const body = m.body ?? 'Hello, where is my parcel?';
  if (!m.attachment) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\n'));
  const pdf = Buffer.from('%PDF-1.4\n% test invoice\n').toString('base64');
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '--b1',
      `Content-Type: application/pdf; name="${m.attachment}"`,
      `Content-Disposition: attachment; filename="${m.attachment}"`,
      'Content-Transfer-Encoding: base64',
      '',
      pdf,
      '--b1--',
      '',
    ].join('\n'),
  );
}

/** An mbox in the mboxrd flavour: a "From " line before each message, body lines like ">*From " escaped by one '>'. */
export function mboxOf(messages: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const raw of messages) {
    const escaped = raw
      .toString('latin1')
      .split('\n')
      .map((l) => (/^>*From /.test(l) ? `>${l}` : l))
      .join('\n');
    parts.push(Buffer.from(`From sender@example.com Tue Nov  3 10:00:00 2026\n`), Buffer.from(escaped, 'latin1'));
    if (!escaped.endsWith('\n')) parts.push(Buffer.from('\n'));
    parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}
