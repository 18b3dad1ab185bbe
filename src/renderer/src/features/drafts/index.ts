/** The drafts list shown in the middle pane for the Drafts filter. */
export { DraftsList } from './DraftsList';
