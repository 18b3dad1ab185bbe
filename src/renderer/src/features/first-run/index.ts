/** The first-run choice: demo data or set up a shop. */
export { FirstRun } from './FirstRun';
/** The same form adds another shop later (the top bar's shop switcher). */
export { ShopForm } from './ShopForm';
