export * from './plugin-state-store';
