import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU went during a phase, in cores: each process the bench started, the bench itself,
 * and `other` — everything else on the machine (on a shared box, someone else's load skews every figure).
 * Linux only (`/proc`); elsewhere the figures are empty.
 */
export type CpuShare = Record<string, number>;

interface Snapshot {
  at: number;
  ticks: Map<string, number>;
  systemBusy: number;
}

/** `USER_HZ`: clock ticks per second in `/proc/<pid>/stat` and `/proc/stat`; 100 on every Linux we target. */
const TICKS_PER_SECOND = 100;

export class CpuMeter {
  /** Named processes measured; children of the bench not named here are found by their command name. */
  constructor(private readonly named: () => Record<string, number>) {}

  snapshot(): Snapshot {
    const ticks = new Map<string, number>();
    const pids = new Map<number, string>([[process.pid, 'bench']]);
    for (const pid of childrenOf(process.pid)) pids.set(pid, commandOf(pid));
    for (const [name, pid] of Object.entries(this.named())) pids.set(pid, name);
    for (const [pid, name] of pids) ticks.set(name, (ticks.get(name) ?? 0) + processTicks(pid));
    return { at: performance.now(), ticks, systemBusy: systemBusyTicks() };
  }

  /** Cores used by each process between two snapshots, rounded to 0.001 (a tick is 0.01 s of one core). */
  static between(before: Snapshot, after: Snapshot): CpuShare {
    const seconds = (after.at - before.at) / 1000;
    if (seconds <= 0) return {};
    const share: CpuShare = {};
    let ours = 0;
    for (const [name, ticks] of after.ticks) {
      const used = Math.max(0, ticks - (before.ticks.get(name) ?? ticks));
      ours += used;
      share[name] = cores(used, seconds);
    }
    share.other = cores(Math.max(0, after.systemBusy - before.systemBusy - ours), seconds);
    return share;
  }
}

function cores(ticks: number, seconds: number): number {
  return Math.round((1000 * ticks) / TICKS_PER_SECOND / seconds) / 1000;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return command.includes('ferret') ? 'database' : command === 'mongod' ? 'database' : command;
  } catch {
    return 'unknown';
  }
}

/** utime + stime of a process (its threads included), in ticks; 0 once it has exited. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the `(comm)`, which may itself hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** All CPUs' busy time (everything but idle and iowait), in ticks. */
function systemBusyTicks(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return total - (values[3] ?? 0) - (values[4] ?? 0);
  } catch {
    return 0;
  }
}
