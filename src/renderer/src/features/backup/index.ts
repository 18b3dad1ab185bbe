/** The screen after a failed integrity check at start, and the banner while the app continues read-only. */
export { ReadOnlyBanner, StoreCheckScreen } from './StoreCheckScreen';
