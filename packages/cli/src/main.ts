#!/usr/bin/env node
import { runCli } from './cli';

/** The `hookflow` bin: the process's streams, and Ctrl-C as an abort that following commands honour. */
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  // A second Ctrl-C stops at once.
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
