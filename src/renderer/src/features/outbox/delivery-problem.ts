/**
 * The kind of a delivery's last error, so the seller reads it in words: the error itself is the mail server's or the
 * network's own text (English, codes), shown below as the technical detail.
 */
export type DeliveryProblem = 'unreachable' | 'tls' | 'auth' | 'temporary' | 'refused' | 'other';

export function deliveryProblem(error: string): DeliveryProblem {
  if (/E(CONNREFUSED|TIMEDOUT|NOTFOUND|HOSTUNREACH|NETUNREACH|CONNRESET|AI_AGAIN)|timed? ?out/i.test(error))
    return 'unreachable';
  if (/certificate|\bTLS\b|STARTTLS|self[- ]signed|fingerprint/i.test(error)) return 'tls';
  if (/^\s*53[45]\b|\b5\.7\.8\b|authenticat/i.test(error)) return 'auth';
  if (/^\s*4\d\d\b|\b4\.\d{1,3}\.\d{1,3}\b/.test(error)) return 'temporary';
  if (/^\s*5\d\d\b|\b5\.\d{1,3}\.\d{1,3}\b/.test(error)) return 'refused';
  return 'other';
}
