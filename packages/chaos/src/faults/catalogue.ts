import type { Profile } from '../profile';
import type { Fault } from './fault';
import { outageFault } from './outages';
import { killFault } from './process-kills';
import { stallFault } from './stalls';
import { changeOnOneInstance, duplicateToBoth } from './two-instances';

/** Every fault of the fault model, by the id `--only`/`--skip` take, in the order a run injects them. */
export function faultCatalogue(profile: Profile): { id: string; fault: Fault }[] {
  const outage = `${Math.round(profile.outageMs / 1000)} s`;
  const stall = `${Math.round(profile.stallMs / 1000)} s`;
  return [
    { id: 'kill-worker', fault: killFault('worker SIGKILL', ['worker']) },
    { id: 'kill-server', fault: killFault('server SIGKILL', ['server']) },
    { id: 'kill-both', fault: killFault('server + worker SIGKILL', ['server', 'worker']) },
    { id: 'temporal-stop', fault: outageFault(`Temporal stopped ${outage}`, 'temporal') },
    { id: 'mongo-stop', fault: outageFault(`database stopped ${outage}`, 'database') },
    { id: 'mongo-stall', fault: stallFault(`database stalled ${stall}`, 'database') },
    { id: 'temporal-stall', fault: stallFault(`Temporal stalled ${stall}`, 'temporal') },
    { id: 'duplicate-both', fault: duplicateToBoth() },
    { id: 'disable', fault: changeOnOneInstance('disable') },
    { id: 'delete', fault: changeOnOneInstance('delete') },
    { id: 'revoke', fault: changeOnOneInstance('revoke') },
  ];
}
