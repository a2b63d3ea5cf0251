import type { NodePlugin } from '@hookflow/sdk';
import httpRequest from './http-request';
import log from './log';
import transform from './transform';

/** The built-in action node types, loaded through `HOOKFLOW_PLUGINS` as `@hookflow/engine/nodes`. */
const builtInNodes: NodePlugin[] = [httpRequest, transform, log] as NodePlugin[];
export default builtInNodes;
