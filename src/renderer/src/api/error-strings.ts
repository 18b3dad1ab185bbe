/**
 * The words of every failure, German and English: per error code (the backend's ERROR_CODES, the transports' codes and
 * the renderer's own), and per message key (ERROR_KEYS) with its params. The types demand every code and every key;
 * error-strings.test.ts checks that a key's words use only its params.
 */
import type { ErrorCode, ErrorKey, TRANSPORT_ERROR_CODES } from '../../../shared/errors';
import { defineStrings, type Strings } from '../i18n';
import { workKeyStrings } from './error-strings-work';

/** Codes only the renderer gives: the bridge unreachable, an HTTP answer that is no envelope, anything uncoded. */
type RendererCode = 'ENETWORK' | 'EHTTP' | 'EUNKNOWN';
type CodeWords = Record<ErrorCode | (typeof TRANSPORT_ERROR_CODES)[number] | RendererCode, Strings[string]>;

export const codeStrings = defineStrings({
  // The backend's codes (ERROR_CODES), for an error that brings no message key.
  EBADINPUT: { en: 'Some of the input is not valid.', de: 'Einige Angaben sind ungültig.' },
  ENOTFOUND: { en: 'This does not exist (any more).', de: 'Das gibt es nicht (mehr).' },
  EEXISTS: { en: 'That exists already.', de: 'Das gibt es bereits.' },
  EUNAUTHORIZED: {
    en: 'This sender may not write to your buyers.',
    de: 'Dieser Absender darf Ihren Käufern nicht schreiben.',
  },
  EOTHERSELLER: {
    en: "The address belongs to another shop: shops do not write to each other's buyers.",
    de: 'Die Adresse gehört zu einem anderen Shop: Shops schreiben nicht an die Käufer anderer Shops.',
  },
  EQUOTA: { en: 'The daily message limit is reached.', de: 'Das Tageslimit für Nachrichten ist erreicht.' },
  EPOLICY: { en: 'The policy refused this message.', de: 'Die Richtlinien lassen diese Nachricht nicht zu.' },
  ECONFIRM: {
    en: 'This message needs your confirmation before it is sent.',
    de: 'Diese Nachricht braucht Ihre Bestätigung, bevor sie gesendet wird.',
  },
  ETOOLARGE: { en: 'This is larger than Parley accepts.', de: 'Das ist größer, als Parley annimmt.' },
  ESTORE: {
    en: 'Parley could not read or write its data.',
    de: 'Parley konnte seine Daten nicht lesen oder schreiben.',
  },
  EAPPENDONLY: {
    en: 'The record cannot be changed afterwards.',
    de: 'Die Aufzeichnung lässt sich nachträglich nicht ändern.',
  },
  ETAMPERED: {
    en: 'The record does not verify: it was changed outside Parley.',
    de: 'Die Prüfung der Aufzeichnung schlägt fehl: Sie wurde außerhalb von Parley verändert.',
  },
  EDELIVERY: { en: 'The message could not be delivered.', de: 'Die Nachricht konnte nicht zugestellt werden.' },
  // The transports' codes
  EINTERNAL: {
    en: 'Something went wrong inside Parley; the details are in its log (Settings → Log → Open logs folder).',
    de: 'In Parley ist ein Fehler aufgetreten; Einzelheiten stehen im Protokoll (Einstellungen → Protokoll → Protokollordner öffnen).',
  },
  ETOKEN: {
    en: 'This page needs the address parley serve printed (it ends in #token=…).',
    de: 'Diese Seite braucht die Adresse, die parley serve ausgegeben hat (sie endet auf #token=…).',
  },
  EFORBIDDEN: { en: 'This window may not talk to Parley.', de: 'Dieses Fenster darf nicht mit Parley sprechen.' },
  EMETHOD: { en: 'Parley did not understand this request.', de: 'Parley hat diese Anfrage nicht verstanden.' },
  ENOCALL: {
    en: 'This version of Parley does not know this request; reload the page or update Parley.',
    de: 'Diese Version von Parley kennt diese Anfrage nicht; bitte laden Sie die Seite neu oder aktualisieren Sie Parley.',
  },
  ENOTREADY: {
    en: 'Parley is still starting; try again in a moment.',
    de: 'Parley startet noch; bitte gleich noch einmal versuchen.',
  },
  // The renderer's own
  ENETWORK: {
    en: 'Parley is not reachable. Is parley serve still running?',
    de: 'Parley ist nicht erreichbar. Läuft parley serve noch?',
  },
  EHTTP: {
    en: 'Unexpected answer from Parley (HTTP {status}).',
    de: 'Unerwartete Antwort von Parley (HTTP {status}).',
  },
  EUNKNOWN: { en: 'Something went wrong.', de: 'Etwas ist schiefgegangen.' },
} satisfies CodeWords);

/** Param values that are words (src/shared/errors.ts PARAM_WORD_KEYS), put into a key's sentence. */
export const paramStrings = defineStrings({
  'cert.selfSigned': { en: 'self-signed', de: 'selbst signiert' },
  'cert.expired': { en: 'expired or not valid yet', de: 'abgelaufen oder noch nicht gültig' },
  'cert.name': { en: 'made out for another name', de: 'auf einen anderen Namen ausgestellt' },
  'cert.unknownIssuer': { en: 'issued by an unknown authority', de: 'von einer unbekannten Stelle ausgestellt' },
  'cert.changed': { en: 'changed since you trusted it', de: 'seit Ihrer Bestätigung geändert' },
  'cert.other': { en: 'not accepted', de: 'nicht akzeptiert' },
  'policy.dailyLimit': {
    en: "today's message limit is reached; it can go tomorrow",
    de: 'das heutige Nachrichtenlimit ist erreicht; morgen kann sie gehen',
  },
  'policy.stillBlocked': {
    en: 'the policy check still stops it; the message says why',
    de: 'die Richtlinienprüfung hält sie weiter auf; die Nachricht zeigt, warum',
  },
});

export const keyStrings = defineStrings({
  'input.invalid': { en: 'Some of the input is not valid: {issues}', de: 'Einige Angaben sind ungültig: {issues}' },
  // First run and the shop
  'shop.none': {
    en: 'No shop is set up yet: explore the demo data or set up your shop first.',
    de: 'Es ist noch kein Shop eingerichtet: Sehen Sie sich die Beispieldaten an oder richten Sie zuerst Ihren Shop ein.',
  },
  'shop.demoExists': {
    en: 'The demo shop exists already in this data folder.',
    de: 'Der Beispielshop ist in diesem Datenordner bereits angelegt.',
  },
  'shop.demoBesideShop': {
    en: 'This data folder holds your shop "{shop}": the demo data goes into a new, empty data folder instead.',
    de: 'In diesem Datenordner liegt Ihr Shop „{shop}“: Die Beispieldaten gehören in einen neuen, leeren Datenordner.',
  },
  'shop.pickOne': {
    en: 'This works in one shop at a time: pick a shop in the top bar first.',
    de: 'Das geht nur in einem Shop: Wählen Sie zuerst oben einen Shop aus.',
  },
  'seller.notFound': { en: 'There is no shop "{id}".', de: 'Einen Shop „{id}“ gibt es nicht.' },
  'seller.exists': { en: 'A shop "{id}" exists already.', de: 'Einen Shop „{id}“ gibt es bereits.' },
  'sellerId.shape': {
    en: 'The shop id "{id}" must be 3–40 characters of a–z, 0–9 and "-", starting with a letter.',
    de: 'Die Shop-Kennung „{id}“ muss 3–40 Zeichen aus a–z, 0–9 und „-“ haben und mit einem Buchstaben beginnen.',
  },
  'sellerId.aliasShape': {
    en: 'The shop id "{id}" has the shape of a buyer alias (15 letters and digits): add a "-" or change its length.',
    de: 'Die Shop-Kennung „{id}“ hat die Form eines Käufer-Alias (15 Buchstaben und Ziffern): Fügen Sie ein „-“ ein oder ändern Sie die Länge.',
  },
  'sellerId.reserved': {
    en: 'The shop id "{id}" is reserved for the relay domain itself ({reserved}).',
    de: 'Die Shop-Kennung „{id}“ ist für die Relay-Domain selbst reserviert ({reserved}).',
  },
  // R9
  'address.taken': {
    en: '{address} is already the address of the shop "{shop}".',
    de: '{address} ist bereits die Adresse des Shops „{shop}“.',
  },
  'sender.otherShop': {
    en: "{address} belongs to another shop: shops do not write to each other's buyers.",
    de: '{address} gehört zu einem anderen Shop: Shops schreiben nicht an die Käufer anderer Shops.',
  },
  // Settings
  'settings.hostPort': {
    en: '"{value}" is not host:port (a port from 0 to 65535).',
    de: '„{value}“ ist nicht Host:Port (ein Port von 0 bis 65535).',
  },
  'settings.dkimKey': {
    en: 'The DKIM key must be a PEM private key (-----BEGIN PRIVATE KEY-----).',
    de: 'Der DKIM-Schlüssel muss ein privater Schlüssel im PEM-Format sein (-----BEGIN PRIVATE KEY-----).',
  },
  'settings.tlsPair': {
    en: 'The TLS certificate and key go together: set both or neither.',
    de: 'TLS-Zertifikat und Schlüssel gehören zusammen: Geben Sie beide an oder keines.',
  },
  'domain.invalid': {
    en: '"{domain}" is not a domain name Parley can use for the relay (like relay.example.com: letters, digits and hyphens, at least one dot).',
    de: '„{domain}“ ist kein Domainname, den Parley für das Relay nutzen kann (etwa relay.example.com: Buchstaben, Ziffern und Bindestriche, mindestens ein Punkt).',
  },
  'relay.running': {
    en: 'Another Parley relay (process {pid} on {host}) is already using this data folder: stop it first.',
    de: 'Ein anderes Parley-Relay (Prozess {pid} auf {host}) nutzt diesen Datenordner bereits: Beenden Sie es zuerst.',
  },
  'backup.blobAltered': {
    en: 'The backup stopped: a file in the store ({sha256}) is altered. Run "parley verify" for details.',
    de: 'Die Sicherung wurde abgebrochen: Eine Datei im Speicher ({sha256}) ist verändert. Details zeigt "parley verify".',
  },
  'backup.folderNotEmpty': {
    en: 'The folder {dir} is not empty: choose a new or empty folder for the backup.',
    de: 'Der Ordner {dir} ist nicht leer: Wählen Sie für die Sicherung einen neuen oder leeren Ordner.',
  },
  'backup.notABackup': {
    en: 'The folder {dir} holds no complete Parley backup.',
    de: 'Der Ordner {dir} enthält keine vollständige Parley-Sicherung.',
  },
  'backup.newerSchema': {
    en: 'This backup was made by a newer Parley version: update Parley first.',
    de: 'Diese Sicherung stammt von einer neueren Parley-Version: Aktualisieren Sie Parley zuerst.',
  },
  'backup.storeUnreadable': {
    en: 'The current store cannot be read to compare it with the backup. Replace it anyway only if you are sure.',
    de: 'Der aktuelle Speicher lässt sich nicht lesen, um ihn mit der Sicherung zu vergleichen. Ersetzen Sie ihn nur, wenn Sie sicher sind.',
  },
  'backup.storeNewer': {
    en: 'The current store ({here, plural, one {# message} other {# messages}}) is newer than the backup ({backup, plural, one {# message} other {# messages}}, from {takenAt}): it was not replaced.',
    de: 'Der aktuelle Speicher ({here, plural, one {# Nachricht} other {# Nachrichten}}) ist neuer als die Sicherung ({backup, plural, one {# Nachricht} other {# Nachrichten}}, vom {takenAt}): Er wurde nicht ersetzt.',
  },
  'backup.none': {
    en: 'There is no backup to restore here. With a backup folder elsewhere, run: parley restore --from FOLDER',
    de: 'Hier gibt es keine Sicherung zum Wiederherstellen. Liegt eine Sicherung woanders, führen Sie aus: parley restore --from ORDNER',
  },
  'backup.noFolder': {
    en: 'Choose a backup folder first.',
    de: 'Wählen Sie zuerst einen Ordner für die Sicherung.',
  },
  'backup.folderNotAbsolute': {
    en: 'The backup folder must be a full path (for example /home/anna/Backups or D:\\Backups).',
    de: 'Der Sicherungsordner muss ein vollständiger Pfad sein (zum Beispiel /home/anna/Sicherungen oder D:\\Sicherungen).',
  },
  'store.startCheckFailed': {
    en: 'The message store failed its integrity check at start. Restore the last backup, export what verifies, or continue read-only.',
    de: 'Der Nachrichtenspeicher hat die Prüfung beim Start nicht bestanden. Stellen Sie die letzte Sicherung wieder her, exportieren Sie, was sich prüfen lässt, oder arbeiten Sie nur lesend weiter.',
  },
  'relay.portInUse': {
    en: '{where} is already in use by another program: choose other ports in Settings.',
    de: '{where} wird schon von einem anderen Programm verwendet: Wählen Sie in den Einstellungen andere Ports.',
  },
  'relay.portInUseCommandLine': {
    en: '{where} is already in use by another program: start Parley with another port ({flag} HOST:PORT).',
    de: '{where} wird schon von einem anderen Programm verwendet: Starten Sie Parley mit einem anderen Port ({flag} HOST:PORT).',
  },
  'bridge.tokenStale': {
    en: 'This link is old: Parley gave this folder a new one. The current link is printed in the terminal where parley serve (or npm start) runs, in the line "web bridge: http://…".',
    de: 'Dieser Link ist veraltet: Parley hat für diesen Ordner einen neuen vergeben. Den aktuellen Link zeigt das Terminal, in dem parley serve (oder npm start) läuft, in der Zeile „web bridge: http://…“.',
  },
  'relay.portNeedsAdmin': {
    en: '{where} needs administrator rights: choose a port above 1023 in Settings.',
    de: '{where} braucht Administratorrechte: Wählen Sie in den Einstellungen einen Port über 1023.',
  },
  'relay.addressNotHere': {
    en: '{where} is not an address of this computer: check the relay settings.',
    de: '{where} ist keine Adresse dieses Computers: Prüfen Sie die Relay-Einstellungen.',
  },
  'relay.couldNotStart': {
    en: 'The relay could not start: {message}',
    de: 'Das Relay konnte nicht starten: {message}',
  },
  'smarthost.certSelfSigned': {
    en: 'The smarthost {host} shows a self-signed certificate (SHA-256 {fingerprint}). If it is your own server, trust this certificate.',
    de: 'Der Smarthost {host} zeigt ein selbstsigniertes Zertifikat (SHA-256 {fingerprint}). Wenn es Ihr eigener Server ist, vertrauen Sie diesem Zertifikat.',
  },
  'smarthost.certExpired': {
    en: 'The certificate of the smarthost {host} has expired or is not valid yet (SHA-256 {fingerprint}).',
    de: 'Das Zertifikat des Smarthosts {host} ist abgelaufen oder noch nicht gültig (SHA-256 {fingerprint}).',
  },
  'smarthost.certName': {
    en: 'The certificate of the smarthost {host} is made out for another name (SHA-256 {fingerprint}).',
    de: 'Das Zertifikat des Smarthosts {host} ist auf einen anderen Namen ausgestellt (SHA-256 {fingerprint}).',
  },
  'smarthost.certUnknownIssuer': {
    en: 'The certificate of the smarthost {host} comes from an authority this computer does not know (SHA-256 {fingerprint}).',
    de: 'Das Zertifikat des Smarthosts {host} stammt von einer Stelle, die dieser Computer nicht kennt (SHA-256 {fingerprint}).',
  },
  'smarthost.certChanged': {
    en: 'The certificate of the smarthost {host} has changed: it is now SHA-256 {fingerprint}, the trusted one is {pinned}.',
    de: 'Das Zertifikat des Smarthosts {host} hat sich geändert: Es ist jetzt SHA-256 {fingerprint}, vertraut wird {pinned}.',
  },
  'smarthost.noStarttls': {
    en: 'The smarthost {host} does not offer STARTTLS, but the security setting requires an encrypted connection.',
    de: 'Der Smarthost {host} bietet kein STARTTLS an, die Sicherheitseinstellung verlangt aber eine verschlüsselte Verbindung.',
  },
  'relay.tlsFileMissing': {
    en: 'The TLS file {file} does not exist: check the certificate and key in Settings.',
    de: 'Die TLS-Datei {file} gibt es nicht: Prüfen Sie Zertifikat und Schlüssel in den Einstellungen.',
  },
  'relay.tlsFileUnreadable': {
    en: 'The TLS file {file} cannot be read: check its permissions.',
    de: 'Die TLS-Datei {file} lässt sich nicht lesen: Prüfen Sie ihre Zugriffsrechte.',
  },
  'relay.tlsFileNotPem': {
    en: '{file} is not a PEM certificate or unencrypted PEM private key.',
    de: '{file} ist kein PEM-Zertifikat bzw. kein unverschlüsselter privater PEM-Schlüssel.',
  },
  'relay.tlsKeyMismatch': {
    en: 'The key {key} does not belong to the certificate {cert}.',
    de: 'Der Schlüssel {key} gehört nicht zum Zertifikat {cert}.',
  },
  'relay.submissionNeedsTls': {
    en: 'The submission port {where} is not on this computer only and has no TLS certificate: passwords would cross the network unencrypted. Set a certificate and key, or use 127.0.0.1.',
    de: 'Der Einlieferungs-Port {where} ist nicht nur auf diesem Computer erreichbar und hat kein TLS-Zertifikat: Passwörter gingen unverschlüsselt durchs Netz. Hinterlegen Sie Zertifikat und Schlüssel oder nutzen Sie 127.0.0.1.',
  },
  // Records, the composer, saved replies, reports, the outbox, exports, links, orders, old mail
  ...workKeyStrings,
} satisfies Record<ErrorKey, Strings[string]>);
