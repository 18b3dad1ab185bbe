/**
 * A delivery status notification (RFC 3464) as a smarthost sends one to a VERP return path: a failure for `recipient`
 * of the message `messageId`, with a text part of the reporter's own words (which the relay must never pass on).
 */
export function failureReport(opts: {
  returnPath: string;
  messageId: string;
  recipient: string;
  status?: string;
  diagnostic?: string;
}): Buffer {
  const b = 'dsn-boundary-1';
  return Buffer.from(
    [
      `From: Mail Delivery System <MAILER-DAEMON@smarthost.example>`,
      `To: ${opts.returnPath}`,
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered. Click http://evil.example/login to fix your account!',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; smarthost.example',
      '',
      `Final-Recipient: rfc822; ${opts.recipient}`,
      'Action: failed',
      `Status: ${opts.status ?? '5.1.1'}`,
      `Diagnostic-Code: smtp; ${opts.diagnostic ?? `550 5.1.1 <${opts.recipient}>: Recipient address rejected`}`,
      '',
      `--${b}`,
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${opts.messageId}`,
      `Subject: Your order`,
      '',
      `--${b}--`,
      '',
    ].join('\r\n'),
  );
}
