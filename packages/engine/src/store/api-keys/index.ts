export * from './api-key-repository';
export { generateApiKey, hashApiKey, type GeneratedApiKey } from './api-key-secret';
