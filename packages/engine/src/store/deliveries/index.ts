export * from './delivery-log';
export {
  DELIVERY_OUTCOMES,
  type DeliveryEntry,
  type DeliveryOutcome,
  type DeliveryRecord,
  type ExactShape,
} from './delivery-entry';
