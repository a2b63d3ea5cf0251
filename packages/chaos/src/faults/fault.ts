import type { DeliveryExpectations } from '../invariants/check-deliveries';
import type { Violations } from '../invariants/violations';
import type { Profile } from '../profile';
import type { Cluster } from '../stack/cluster';
import type { Infrastructure } from '../stack/infrastructure';
import type { RunInfo } from '../invariants/temporal-runs';
import type { Delivery } from '../senders/records';
import type { AdminClient } from '../stack/admin-client';
import type { SenderSettings } from '../senders/sender';

export interface FaultContext {
  infrastructure: Infrastructure;
  cluster: Cluster;
  profile: Profile;
  /** The admin API of each server instance. */
  admin: AdminClient[];
  log(line: string): void;
}

/** What a fault did, for the invariants: when it ended, and what the senders may see meanwhile. */
export interface InjectedFault extends DeliveryExpectations {
  /** When the fault was over (processes restarted, service back, stall released). */
  healedAt: number;
  /** A figure of the fault worth a line under the table (e.g. 2xx served from caches while MongoDB was down). */
  note?: string | ((deliveries: readonly Delivery[]) => string);
}

/** A fault injected while the standard load runs against a fresh workflow. */
export interface LoadFault {
  kind: 'load';
  name: string;
  inject(ctx: FaultContext): Promise<InjectedFault>;
}

/** What a scenario of its own reports: the same figures as a load fault. */
export interface ScenarioResult {
  deliveries: Delivery[];
  runs: RunInfo[];
  /** How long the change took to be honoured by the other instance. */
  recovery: string;
  note?: string;
}

/** A check that drives its own requests (two-instance bounds) rather than the standard load. */
export interface ScenarioFault {
  kind: 'scenario';
  name: string;
  run(
    ctx: FaultContext & {
      sharedKey: { name: string; key: string };
      senders: SenderSettings;
      listRuns(workflowId: string, expected: ReadonlySet<string>): Promise<RunInfo[]>;
    },
    violations: Violations,
  ): Promise<ScenarioResult>;
}

export type Fault = LoadFault | ScenarioFault;
