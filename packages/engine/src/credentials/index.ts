export * from './credential-type';
export * from './credential-types';
export * from './credential-resolver';
export * from './secret-scrubber';
