/** The outbox list shown in the middle pane for the Outbox filter. */
export { OutboxList } from './OutboxList';
/** The right pane for the Outbox filter: the chosen item, or what the Outbox is for. */
export { OutboxDetail } from './OutboxDetail';
