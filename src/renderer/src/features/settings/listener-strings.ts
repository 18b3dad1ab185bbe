/** Strings of the relay listeners' fields in Settings. */
import { defineStrings } from '../../i18n';

export const listenerStrings = defineStrings({
  commandLine: {
    en: 'Set by the command line ({flag} {address}) for this run; to change it, start Parley with another {flag}.',
    de: 'Für diesen Lauf über die Befehlszeile festgelegt ({flag} {address}); zum Ändern starten Sie Parley mit einem anderen {flag}.',
  },
  runningOn: { en: 'Running now on {address}.', de: 'Läuft gerade auf {address}.' },
});
