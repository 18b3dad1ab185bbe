/**
 * The error vocabulary both sides of the contract share, without zod (the renderer and the preload import it). A
 * failure crosses as `ContractError`: a stable `code` from ERROR_CODES (or a transport's own), the backend's English
 * `message` (what the CLI prints and the log keeps), and, where the sentence has specifics, a message `key` from
 * ERROR_KEYS with its `params`. The UI words the key, else the code, in the seller's language; the English sentence is
 * its last resort, for a key it does not know yet.
 */

/** Every code a ParleyError carries, with the English words of an error that brings none of its own. */
export const ERROR_CODES = {
  EBADINPUT: 'The input is not valid',
  ENOTFOUND: 'No such record',
  EEXISTS: 'It exists already',
  EUNAUTHORIZED: 'The sender is not authorized for this seller (R7)',
  EOTHERSELLER: 'Sellers do not contact other sellers (R9)',
  EQUOTA: 'The daily message limit is reached (R16)',
  EPOLICY: 'The message was refused by policy',
  ECONFIRM: "The message needs the seller's confirmation before it is sent (R11)",
  ETOOLARGE: 'The message is larger than the relay accepts',
  ESTORE: 'The store could not be written',
  EAPPENDONLY: 'The record is append-only (R21)',
  ETAMPERED: 'The record does not verify',
  EDELIVERY: 'Delivery failed',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/**
 * Codes only the transports give: a call the bridge does not know or refuses (ETOKEN, EFORBIDDEN, EMETHOD, ENOCALL),
 * a bug behind the boundary (EINTERNAL), the preload before the backend is up (ENOTREADY).
 */
export const TRANSPORT_ERROR_CODES = ['EINTERNAL', 'ETOKEN', 'EFORBIDDEN', 'EMETHOD', 'ENOCALL', 'ENOTREADY'] as const;

/**
 * Failures whose sentence has specifics the UI words itself: message key → the names of its params. A key names the
 * situation, not the code (one code has many); the renderer's words for a key may leave a param out, never add one.
 */
export const ERROR_KEYS = {
  // Input the contract's schemas refuse: "field: problem; …" as the backend says it.
  'input.invalid': ['issues'],
  // First run and the shop
  'shop.none': [],
  'shop.demoExists': [],
  'shop.demoBesideShop': ['shop'],
  'shop.pickOne': [],
  'seller.notFound': ['id'],
  'seller.exists': ['id'],
  'sellerId.shape': ['id'],
  'sellerId.aliasShape': ['id'],
  'sellerId.reserved': ['id', 'reserved'],
  // R9: an address belongs to one shop.
  'address.taken': ['address', 'shop'],
  'sender.otherShop': ['address'],
  // Settings
  'settings.hostPort': ['value'],
  'settings.dkimKey': [],
  'settings.tlsPair': [],
  // The relay domain: a name Parley can put after the @ of every address it hands out.
  'domain.invalid': ['domain'],
  // One relay per store: another holds the data directory's lock.
  'relay.running': ['pid', 'host'],
  // Backup and restore, and the integrity check at start (store/backup.ts, ops/start-check.ts).
  'backup.blobAltered': ['sha256'],
  'backup.folderNotEmpty': ['dir'],
  'backup.notABackup': ['dir'],
  'backup.newerSchema': ['version'],
  'backup.storeUnreadable': [],
  'backup.storeNewer': ['here', 'backup', 'takenAt'],
  'store.startCheckFailed': ['failed'],
  'backup.noFolder': [],
  'backup.none': [],
  'backup.folderNotAbsolute': [],
  // The relay could not start (RelayStatus.errorDetail).
  'relay.portInUse': ['where'],
  // A port given on the command line (parley serve --smtp/--submission, npm start -- …): another flag, not Settings.
  'relay.portInUseCommandLine': ['where', 'flag'],
  // The web bridge: a link with an old token (each data folder keeps one until Settings' "New link").
  'bridge.tokenStale': [],
  'relay.portNeedsAdmin': ['where'],
  'relay.addressNotHere': ['where'],
  'relay.couldNotStart': ['message'],
  // The smarthost's certificate or its missing STARTTLS (relay/smarthost-tls.js): the outbox waits meanwhile.
  'smarthost.certSelfSigned': ['host', 'fingerprint'],
  'smarthost.certExpired': ['host', 'fingerprint'],
  'smarthost.certName': ['host', 'fingerprint'],
  'smarthost.certUnknownIssuer': ['host', 'fingerprint'],
  'smarthost.certChanged': ['host', 'fingerprint', 'pinned'],
  'smarthost.noStarttls': ['host'],
  // TLS on the listeners: the certificate and key files, and a public submission port without them.
  'relay.tlsFileMissing': ['what', 'file'],
  'relay.tlsFileUnreadable': ['what', 'file'],
  'relay.tlsFileNotPem': ['what', 'file'],
  'relay.tlsKeyMismatch': ['cert', 'key'],
  'relay.submissionNeedsTls': ['where'],
  // Records that are not (or no longer) there
  'conversation.notFound': ['id'],
  'message.notFound': ['id'],
  'draft.notFound': ['id'],
  'intake.notFound': ['id'],
  // The IMAP intake (core/intake): connecting to the shop's mailbox, and messages it could not take in.
  'intake.authFailed': [],
  'intake.certificate': ['reason', 'fingerprint'],
  'intake.unreachable': ['host'],
  'intake.folderMissing': ['folder'],
  'intake.badUrl': [],
  'intake.noRecipient': [],
  'intake.unknownRecipient': ['recipient'],
  'intake.unparseable': [],
  'intake.tooLarge': ['size', 'limit'],
  'intake.refused': ['message'],
  'outbox.notFound': ['id'],
  'report.notFound': ['id'],
  'attachment.notFound': ['id', 'messageId'],
  'buyer.notFound': ['alias'],
  'message.unreadable': ['id'],
  'attachment.unreadable': ['name'],
  'attachment.missing': ['name'],
  // The composer and drafts
  'draft.noBuyer': [],
  'draft.aliasMismatch': [],
  'draft.replyOtherBuyer': [],
  'draft.noSubject': [],
  'draft.attachmentGone': ['name'],
  // Saved replies
  'template.notFound': ['id'],
  'template.nameTaken': ['name'],
  // Refusals of a send or a release, with the policy's reasons (worded by the core).
  'send.refused': ['reasons'],
  'send.confirm': ['reasons'],
  'release.refused': ['reasons'],
  'release.notHeld': ['id'],
  'release.done': ['id'],
  // Reports and marks
  'mark.notBuyerMessage': [],
  // The outbox
  'outbox.notWaiting': ['state'],
  'outbox.handingOver': [],
  // The record export
  'export.tooLarge': [],
  'export.pathInvalid': ['path'],
  'export.pathExists': ['path'],
  // Links in messages (app/links.ts)
  'links.scheme': ['scheme'],
  'links.notAvailable': [],
  // Orders and the order report (store/orders.ts, ops/order-report.ts)
  'order.notFound': ['id'],
  'order.badDate': ['value'],
  'ship.alreadyConfirmed': ['order', 'date'],
  'orderReport.empty': [],
  'orderReport.noColumn': ['column'],
  'mailImport.notMbox': ['name'],
  'mailImport.notMaildir': ['name'],
  'mailImport.unreadable': ['at'],
  'mailImport.noSender': ['at'],
  'mailImport.upload': [],
  'mailImport.running': [],
} as const satisfies Record<string, readonly string[]>;

export type ErrorKey = keyof typeof ERROR_KEYS;

/**
 * Param values that are words, not data: the core sends the key (`cert.selfSigned`), the UI puts its words in the
 * seller's language into the sentence (api/error-strings.ts paramStrings).
 */
export const PARAM_WORD_KEYS = [
  'cert.selfSigned',
  'cert.expired',
  'cert.name',
  'cert.unknownIssuer',
  'cert.changed',
  'cert.other',
  'policy.dailyLimit',
  'policy.stillBlocked',
] as const;

export const ERROR_KEY_LIST = Object.keys(ERROR_KEYS) as ErrorKey[];

export type ErrorParamValue = string | number;

/** The params of one key, each named by ERROR_KEYS. */
export type ErrorParams<K extends ErrorKey> = { [P in (typeof ERROR_KEYS)[K][number]]: ErrorParamValue };

/** A message key with its params, checked against ERROR_KEYS where it is thrown. */
export type ErrorDetail = { [K in ErrorKey]: { key: K; params: ErrorParams<K> } }[ErrorKey];

/** Builds an ErrorDetail with its params checked against the key. */
export function errorDetail<K extends ErrorKey>(key: K, params: ErrorParams<K>): ErrorDetail {
  return { key, params } as ErrorDetail;
}

/**
 * A failure as it crosses the boundary (errors.ts): the stable code the UI decides on, the backend's English words, and
 * where the sentence has specifics its message key and params, which the UI words in the seller's language. Key and
 * params are strings on the wire: a renderer may be older or newer than the backend and falls back to the code.
 */
export interface ContractError {
  /** A ParleyError code (ERROR_CODES) or a transport's own (TRANSPORT_ERROR_CODES, the renderer's ENETWORK, …). */
  code: string;
  /** English; for the CLI, logs and a UI that knows neither key nor code. */
  message: string;
  /** ERROR_KEYS: what happened, when the words need specifics. */
  key?: string;
  /** The key's params, by name. */
  params?: Record<string, string | number>;
}
