/** The settings dialog. */
export { SettingsDialog } from './SettingsDialog';
/** The mailbox form, which first run shows too (the shell passes it in). */
export { IntakeForm } from './IntakeForm';
