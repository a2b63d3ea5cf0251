export * from './credential-repository';
