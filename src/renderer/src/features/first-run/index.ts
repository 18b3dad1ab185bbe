/** The first-run choice: demo data or set up a shop (issue 3 §5). */
export { FirstRun } from './FirstRun';
