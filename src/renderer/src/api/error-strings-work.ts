/**
 * The words of the message keys (ERROR_KEYS) met while working: records that are not there, the composer and drafts,
 * saved replies, refusals, reports, the outbox, exports, links, orders and old mail. error-strings.ts spreads them
 * into keyStrings, whose type demands every key.
 */
import { defineStrings } from '../i18n';

export const workKeyStrings = defineStrings({
  // Records that are not (or no longer) there
  'conversation.notFound': {
    en: 'This conversation does not exist (any more).',
    de: 'Diese Unterhaltung gibt es nicht (mehr).',
  },
  'message.notFound': { en: 'This message does not exist (any more).', de: 'Diese Nachricht gibt es nicht (mehr).' },
  'draft.notFound': { en: 'This draft does not exist any more.', de: 'Diesen Entwurf gibt es nicht mehr.' },
  'intake.notFound': {
    en: 'This mailbox is not connected (any more).',
    de: 'Dieses Postfach ist nicht (mehr) verbunden.',
  },
  'intake.authFailed': {
    en: 'The mail server refused the user name or password of this mailbox.',
    de: 'Der Mailserver hat Benutzername oder Passwort dieses Postfachs abgelehnt.',
  },
  'intake.certificate': {
    en: 'The mail server’s certificate is not trusted ({reason}). Its fingerprint: {fingerprint}',
    de: 'Dem Zertifikat des Mailservers wird nicht vertraut ({reason}). Sein Fingerabdruck: {fingerprint}',
  },
  'intake.unreachable': {
    en: 'The mail server {host} cannot be reached.',
    de: 'Der Mailserver {host} ist nicht erreichbar.',
  },
  'intake.folderMissing': {
    en: 'The folder “{folder}” does not exist in this mailbox.',
    de: 'Den Ordner „{folder}“ gibt es in diesem Postfach nicht.',
  },
  'intake.badUrl': {
    en: 'Write the mailbox as imaps://USER@HOST[:PORT] or imap://USER@HOST[:PORT].',
    de: 'Geben Sie das Postfach als imaps://BENUTZER@HOST[:PORT] oder imap://BENUTZER@HOST[:PORT] an.',
  },
  'intake.noRecipient': {
    en: 'The message is not addressed to any address of this relay.',
    de: 'Die Nachricht ist an keine Adresse dieses Relays gerichtet.',
  },
  'intake.unknownRecipient': {
    en: 'No shop or buyer here has the address {recipient}.',
    de: 'Die Adresse {recipient} gehört hier zu keinem Shop und keinem Käufer.',
  },
  'intake.unparseable': {
    en: 'The message cannot be read as an e-mail.',
    de: 'Die Nachricht lässt sich nicht als E-Mail lesen.',
  },
  'intake.tooLarge': {
    en: 'The message is too large ({size, plural, one {# byte} other {# bytes}}, at most {limit, number}).',
    de: 'Die Nachricht ist zu groß ({size, plural, one {# Byte} other {# Bytes}}, höchstens {limit, number}).',
  },
  'intake.refused': {
    en: 'Parley did not take the message: {message}',
    de: 'Parley hat die Nachricht nicht angenommen: {message}',
  },
  'outbox.notFound': {
    en: 'This message is no longer in the outbox.',
    de: 'Diese Nachricht ist nicht mehr im Postausgang.',
  },
  'report.notFound': { en: 'This report does not exist (any more).', de: 'Diese Meldung gibt es nicht (mehr).' },
  'attachment.notFound': {
    en: 'The message has no such attachment.',
    de: 'Diesen Anhang gibt es in der Nachricht nicht.',
  },
  'buyer.notFound': {
    en: 'There is no buyer with the alias "{alias}".',
    de: 'Es gibt keinen Käufer mit dem Alias „{alias}“.',
  },
  'message.unreadable': {
    en: 'The stored message could not be read.',
    de: 'Die gespeicherte Nachricht konnte nicht gelesen werden.',
  },
  'attachment.unreadable': {
    en: 'The attachment "{name}" could not be read.',
    de: 'Der Anhang „{name}“ konnte nicht gelesen werden.',
  },
  'attachment.missing': {
    en: 'The attachment "{name}" is not in the stored message.',
    de: 'Der Anhang „{name}“ fehlt in der gespeicherten Nachricht.',
  },
  // The composer and drafts
  'draft.noBuyer': {
    en: 'Choose the buyer: a conversation or an alias.',
    de: 'Bitte wählen Sie den Käufer: eine Unterhaltung oder einen Alias.',
  },
  'draft.aliasMismatch': {
    en: 'The alias is not the buyer of this conversation.',
    de: 'Der Alias gehört nicht zum Käufer dieser Unterhaltung.',
  },
  'draft.replyOtherBuyer': {
    en: 'The message you reply to belongs to another buyer.',
    de: 'Die Nachricht, auf die Sie antworten, gehört zu einem anderen Käufer.',
  },
  'draft.noSubject': { en: 'The subject is empty.', de: 'Der Betreff ist leer.' },
  // Saved replies
  'template.notFound': { en: 'There is no saved reply {id}.', de: 'Es gibt keine gespeicherte Antwort {id}.' },
  'template.nameTaken': {
    en: 'A saved reply named "{name}" exists already.',
    de: 'Eine gespeicherte Antwort namens „{name}“ gibt es schon.',
  },
  'draft.attachmentGone': {
    en: 'The attachment "{name}" is no longer stored: attach it again.',
    de: 'Der Anhang „{name}“ ist nicht mehr gespeichert: Bitte hängen Sie ihn erneut an.',
  },
  // Refusals with the policy's reasons
  'send.refused': { en: 'Not sent: {reasons}', de: 'Nicht gesendet: {reasons}' },
  'send.confirm': { en: 'Not sent yet: {reasons}', de: 'Noch nicht gesendet: {reasons}' },
  'release.refused': { en: 'Not released: {reasons}', de: 'Nicht freigegeben: {reasons}' },
  'release.notHeld': {
    en: 'Only a held message to a buyer can be released.',
    de: 'Freigeben lassen sich nur zurückgehaltene Nachrichten an Käufer.',
  },
  'release.done': { en: 'This message was released already.', de: 'Diese Nachricht wurde bereits freigegeben.' },
  // Reports and marks
  'mark.notBuyerMessage': {
    en: 'Only buyer messages can be reported or marked as needing no response.',
    de: 'Nur Nachrichten von Käufern lassen sich melden oder mit „Keine Antwort nötig“ markieren.',
  },
  // The outbox
  'outbox.notWaiting': {
    en: 'This message no longer waits in the outbox.',
    de: 'Diese Nachricht wartet nicht mehr im Postausgang.',
  },
  'outbox.handingOver': {
    en: 'This message is being handed to the mail server right now and can no longer be cancelled.',
    de: 'Diese Nachricht wird gerade an den Mailserver übergeben und lässt sich nicht mehr abbrechen.',
  },
  // The record export
  'export.tooLarge': {
    en: 'The export is too large for a zip file.',
    de: 'Der Export ist zu groß für eine ZIP-Datei.',
  },
  'export.pathInvalid': {
    en: 'The export cannot be saved as "{path}": choose a file in an existing folder.',
    de: 'Der Export lässt sich nicht als „{path}“ speichern: Wählen Sie eine Datei in einem vorhandenen Ordner.',
  },
  'export.pathExists': {
    en: '"{path}" exists already: an export never replaces a file. Choose a new name.',
    de: '„{path}“ gibt es schon: Ein Export ersetzt nie eine Datei. Wählen Sie einen neuen Namen.',
  },
  // Links in messages
  'links.scheme': {
    en: 'Only web links (http and https) are opened, not "{scheme}:".',
    de: 'Geöffnet werden nur Weblinks (http und https), nicht „{scheme}:“.',
  },
  'links.notAvailable': {
    en: 'Links cannot be handed to a browser from here.',
    de: 'Links lassen sich von hier aus nicht an einen Browser übergeben.',
  },
  // Orders and the order report
  'order.notFound': { en: 'There is no order "{id}".', de: 'Eine Bestellung „{id}“ gibt es nicht.' },
  'order.badDate': { en: '"{value}" is not a date.', de: '„{value}“ ist kein Datum.' },
  'ship.alreadyConfirmed': {
    en: 'The buyer got the shipping confirmation for order {order} on {date} already: nothing was sent again.',
    de: 'Der Käufer hat die Versandbestätigung zu Bestellung {order} schon am {date} erhalten: Es wurde nichts erneut gesendet.',
  },
  'orderReport.empty': { en: 'The order report is empty.', de: 'Der Bestellbericht ist leer.' },
  'orderReport.noColumn': {
    en: 'The order report has no "{column}" column.',
    de: 'Dem Bestellbericht fehlt die Spalte „{column}“.',
  },
  'mailImport.notMbox': {
    en: '{name} is not an mbox file: it must start with a "From " line. Export the folder from your mail program as mbox.',
    de: '{name} ist keine mbox-Datei: Sie muss mit einer „From “-Zeile beginnen. Exportieren Sie den Ordner aus Ihrem E-Mail-Programm als mbox.',
  },
  'mailImport.notMaildir': {
    en: '{name} is not a Maildir folder: it has no cur or new folder.',
    de: '{name} ist kein Maildir-Ordner: Ihm fehlen die Ordner cur und new.',
  },
  'mailImport.unreadable': {
    en: 'Message {at} of the file could not be read.',
    de: 'Nachricht {at} der Datei konnte nicht gelesen werden.',
  },
  'mailImport.noSender': {
    en: 'Message {at} of the file has no sender address.',
    de: 'Nachricht {at} der Datei hat keine Absenderadresse.',
  },
  'mailImport.running': {
    en: 'This file is being imported already: its progress is shown under Import old mail.',
    de: 'Diese Datei wird schon importiert: Der Fortschritt steht unter „Alte E-Mails importieren“.',
  },
  'mailImport.upload': {
    en: 'The file could not be handed to Parley completely. Drop it again: the import goes on where it stopped.',
    de: 'Die Datei kam nicht vollständig bei Parley an. Ziehen Sie sie noch einmal hierher: Der Import macht dort weiter, wo er aufgehört hat.',
  },
});
