/** The settings dialog (issue 3 §5). */
export { SettingsDialog } from './SettingsDialog';
