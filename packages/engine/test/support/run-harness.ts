import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { CONTROL_NODE_TYPES } from '../../src/graph/control-nodes';
import type { EdgeDefinition, NodeDefinition } from '../../src/graph/definition';
import { createLogger } from '../../src/logging/logger';
import builtInNodes from '../../src/nodes';
import type { NodePlugin } from '@hookflow/sdk';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { readExecution, type Execution } from '../../src/executions/read-execution';
import { startExecution, type ExecutionStart } from '../../src/executions/start-execution';
import { createHookflowWorker } from '../../src/worker/create-worker';
import type { RunGraphInput } from '../../src/interpreter/definitions';

export interface Graph {
  nodes: NodeDefinition[];
  edges?: EdgeDefinition[];
}

/** A real worker on its own task queue of the test stack's Temporal, plus helpers to start and read runs. */
export class RunHarness {
  readonly taskQueue = uniqueName('engine-test');
  readonly workflowId = uniqueName('wf');
  readonly registry = new PluginRegistry();
  client!: Client;
  private connection!: Connection;
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  constructor(extraNodes: NodePlugin[] = []) {
    for (const control of CONTROL_NODE_TYPES) this.registry.addNodeType(control, 'built-in');
    for (const node of [...builtInNodes, ...extraNodes] as NodePlugin[]) this.registry.addNodeType(node, 'test');
  }

  async start(): Promise<void> {
    this.connection = await Connection.connect({ address: testStack().temporalAddress });
    this.client = new Client({ connection: this.connection });
    await this.startWorker();
  }

  async startWorker(): Promise<void> {
    const { worker } = await createHookflowWorker({
      settings: {
        temporalAddress: testStack().temporalAddress,
        temporalNamespace: 'default',
        taskQueue: this.taskQueue,
      },
      registry: this.registry,
      logger: createLogger('engine-test', 'silent'),
    });
    this.worker = worker;
    this.running = worker.run();
  }

  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.connection.close();
  }

  input(graph: Graph, payload: unknown = {}, deliveryKey: string = randomUUID()): RunGraphInput {
    return {
      workflow: { id: this.workflowId, name: 'test-graph', version: 1 },
      graph: { nodes: graph.nodes, edges: graph.edges ?? [] },
      trigger: { type: 'test', deliveryKey, payload },
    };
  }

  startGraph(graph: Graph, payload?: unknown, deliveryKey?: string): Promise<ExecutionStart> {
    return startExecution(this.client, this.taskQueue, this.input(graph, payload, deliveryKey));
  }

  /** Starts a run and waits until it closes, whatever its outcome; returns the execution as the API shows it. */
  async run(graph: Graph, payload?: unknown): Promise<Execution> {
    const { executionId } = await this.startGraph(graph, payload);
    return this.waitForClose(executionId);
  }

  async waitForClose(executionId: string): Promise<Execution> {
    await this.client.workflow
      .getHandle(executionId)
      .result()
      .catch(() => undefined);
    return this.read(executionId);
  }

  read(executionId: string): Promise<Execution> {
    return readExecution(this.client, executionId, { uiUrl: 'http://localhost:8233', namespace: 'default' });
  }
}
