export * from './encryption-errors';
export * from './encryption-key';
export * from './key-ring';
export * from './sealed-text';
export * from './encryption-config';
