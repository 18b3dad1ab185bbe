/** The composer's public face for the app shell: the component and its store. */
export { Composer } from './Composer';
export { useComposer } from './store';
