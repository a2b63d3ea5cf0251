export { createApp } from './app';
export type { ServerContext } from './server-context';
