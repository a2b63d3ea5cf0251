export * from './start-run';
export * from './read-run';
export * from './control-run';
export * from './list-runs';
