/** The settings dialog. */
export { SettingsDialog } from './SettingsDialog';
