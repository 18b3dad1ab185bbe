/** The first-run choice: demo data or set up a shop. */
export { FirstRun } from './FirstRun';
