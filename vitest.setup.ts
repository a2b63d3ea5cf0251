import { DefaultLogger, Runtime } from '@temporalio/worker';

// Test workers fail runs on purpose; the SDK's default logger would print each of those at WARN.
Runtime.install({ logger: new DefaultLogger('ERROR') });
