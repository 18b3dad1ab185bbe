/** The outbox list shown in the middle pane for the Outbox filter. */
export { OutboxList } from './OutboxList';
