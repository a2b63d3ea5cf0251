export * from './start-execution';
export * from './read-execution';
export * from './control-execution';
export * from './list-executions';
