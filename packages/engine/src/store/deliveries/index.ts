export * from './delivery-log';
export { type DeliveryEntry, type DeliveryRecord, type ExactShape } from './delivery-entry';
