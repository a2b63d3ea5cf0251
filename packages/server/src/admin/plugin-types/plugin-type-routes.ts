import { schemaRef } from '../../openapi/operation-doc';
import type { AdminRoute } from '../admin-route';
import type { PluginTypeService } from './plugin-type-service';

const tags = ['plugin-types'];

export function pluginTypeRoutes(pluginTypes: PluginTypeService): AdminRoute[] {
  return [
    {
      path: '/trigger-types',
      operations: {
        get: {
          operationId: 'listTriggerTypes',
          summary: 'Trigger types of the loaded plugins',
          tags,
          security: 'admin',
          responses: { 200: { description: 'Trigger types', schema: schemaRef('TriggerTypeList') } },
          handler: (_req, res) => {
            res.json({ items: pluginTypes.triggerTypes() });
          },
        },
      },
    },
    {
      path: '/node-types',
      operations: {
        get: {
          operationId: 'listNodeTypes',
          summary: 'Node types: the control types and those of the loaded plugins',
          tags,
          security: 'admin',
          responses: { 200: { description: 'Node types', schema: schemaRef('NodeTypeList') } },
          handler: (_req, res) => {
            res.json({ items: pluginTypes.nodeTypes() });
          },
        },
      },
    },
    {
      path: '/credential-types',
      operations: {
        get: {
          operationId: 'listCredentialTypes',
          summary: 'Credential types: the built-in ones and those node plugins declare',
          tags,
          security: 'admin',
          responses: { 200: { description: 'Credential types', schema: schemaRef('CredentialTypeList') } },
          handler: (_req, res) => {
            res.json({ items: pluginTypes.credentialTypes() });
          },
        },
      },
    },
  ];
}
