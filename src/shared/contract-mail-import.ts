/** What the app's mail history import answers (`mailImport.start`): the counts, and each refused message's reason. */

export type MailImportSkipReason = 'list' | 'bulk' | 'autoReply' | 'relay' | 'noBuyer';

export interface MailImportView {
  /** Messages in the file, and how many were read (all of them, once the import has finished). */
  total: number;
  done: number;
  /** New in the record. */
  imported: number;
  /** In the record already (the same Message-ID, or the same bytes imported before): nothing added. */
  duplicates: number;
  /** Mailing lists, bulk mail, auto-replies, the relay's own mail, mail with no single buyer. */
  skipped: number;
  skippedBy: Record<MailImportSkipReason, number>;
  /** Could not be read or belong to no buyer of this shop (R9); the first of them with a key of ERROR_KEYS. */
  refused: number;
  refusedList: { at: number; key: string; params: Record<string, string | number> }[];
  /** The import had stopped part-way before and went on where it stopped. */
  resumed: boolean;
  ms: number;
}
