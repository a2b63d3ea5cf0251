import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, encodeId } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { NodeType, TriggerType, Workflow, WorkflowDefinition } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { layoutGraph, type Point } from '../graph/layout';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Canvas } from './Canvas';
import { definitionOf } from './definition-edits';
import { EdgeList } from './EdgeList';
import { JsonView } from './JsonView';
import { NodeList } from './NodeList';
import { NodePanel } from './NodePanel';
import { Palette } from './Palette';
import { ProblemList } from './ProblemList';
import { TestRun } from './TestRun';
import { useValidation } from './useValidation';
import { WorkflowSettings } from './WorkflowSettings';

/** The visual editor of a workflow's definition; each save is a new version. */
export default function BuilderPage() {
  const id = useParams().id!;
  const workflow = useQuery({ queryKey: keys.workflow(id), queryFn: () => fetchers.workflow(id) });
  const nodeTypes = useQuery({ queryKey: keys.nodeTypes, queryFn: fetchers.nodeTypes });
  const triggerTypes = useQuery({ queryKey: keys.triggerTypes, queryFn: fetchers.triggerTypes });
  usePageTitle(`Builder · ${workflow.data?.name ?? id}`);
  if (!workflow.data || !nodeTypes.data || !triggerTypes.data) {
    return (
      <main>
        <h1>Builder</h1>
        <ErrorMessage error={workflow.error ?? nodeTypes.error ?? triggerTypes.error} />
        {workflow.error ? null : <p role="status">Loading…</p>}
      </main>
    );
  }
  return (
    <ReactFlowProvider>
      <Builder
        key={workflow.data.id}
        workflow={workflow.data}
        nodeTypes={nodeTypes.data.items}
        triggerTypes={triggerTypes.data.items}
      />
    </ReactFlowProvider>
  );
}

function Builder({
  workflow,
  nodeTypes,
  triggerTypes,
}: {
  workflow: Workflow;
  nodeTypes: NodeType[];
  triggerTypes: TriggerType[];
}) {
  const queryClient = useQueryClient();
  const [definition, setDefinition] = useState<WorkflowDefinition>(() => definitionOf(workflow));
  const [positions, setPositions] = useState<Record<string, Point>>(() => layoutGraph(workflow.nodes, workflow.edges));
  const [selected, setSelected] = useState<string>();
  const [saved, setSaved] = useState<Workflow>(workflow);
  const [dirty, setDirty] = useState(false);
  const validation = useValidation(definition, workflow.id);

  const edit = useCallback((change: (current: WorkflowDefinition) => WorkflowDefinition) => {
    setDefinition((current) => change(current));
    setDirty(true);
  }, []);

  const save = useMutation({
    mutationFn: () => api<Workflow>(`/workflows/${encodeId(workflow.id)}`, { method: 'PUT', body: definition }),
    onSuccess: (updated) => {
      setSaved(updated);
      setDirty(false);
      queryClient.setQueryData(keys.workflow(workflow.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.versions(workflow.id) });
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
    },
  });

  const selectedIndex = definition.nodes.findIndex((node) => node.id === selected);
  const { problems } = validation;
  return (
    <main className="builder">
      <div className="builder-head row wrap">
        <h1>
          Builder: <Link to={`/workflows/${workflow.id}`}>{definition.name}</Link>
        </h1>
        <span role="status" className="hint">
          {save.isSuccess && !dirty
            ? `Saved as version ${saved.version}.`
            : dirty
              ? `Unsaved changes (version ${saved.version} is saved).`
              : `Version ${saved.version}.`}{' '}
          {validation.checking ? 'Checking…' : problems.length === 0 ? 'No problems.' : `${problems.length} problems.`}
        </span>
        <button type="button" className="primary" disabled={save.isPending || !dirty} onClick={() => save.mutate()}>
          Save
        </button>
        <TestRun workflowId={workflow.id} disabled={dirty} />
      </div>
      <ErrorMessage error={save.error ?? validation.error} />
      <div className="builder-body">
        <Palette
          nodeTypes={nodeTypes}
          definition={definition}
          positions={positions}
          onAdd={(node, position) => {
            edit((current) => ({ ...current, nodes: [...current.nodes, node] }));
            setPositions((current) => ({ ...current, [node.id]: position }));
            setSelected(node.id);
          }}
        />
        <div className="builder-center">
          <Canvas
            definition={definition}
            positions={positions}
            problems={problems}
            selected={selected}
            onSelect={setSelected}
            onMove={(id, position) => setPositions((current) => ({ ...current, [id]: position }))}
            onEdit={edit}
            nodeTypes={nodeTypes}
            onDropNode={(node, position) => {
              edit((current) => ({ ...current, nodes: [...current.nodes, node] }));
              setPositions((current) => ({ ...current, [node.id]: position }));
              setSelected(node.id);
            }}
          />
          <NodeList definition={definition} problems={problems} selected={selected} onSelect={setSelected} />
          <EdgeList definition={definition} problems={problems} onEdit={edit} />
          <ProblemList problems={problems} definition={definition} onSelect={setSelected} />
        </div>
        <aside className="builder-side" aria-label="Properties">
          {selectedIndex >= 0 ? (
            <NodePanel
              key={selected}
              index={selectedIndex}
              definition={definition}
              nodeTypes={nodeTypes}
              problems={problems}
              onEdit={edit}
              onRenamed={(id) => {
                setPositions((current) => ({ ...current, [id]: current[selected!] ?? { x: 0, y: 0 } }));
                setSelected(id);
              }}
              onRemoved={() => setSelected(undefined)}
              onClose={() => setSelected(undefined)}
            />
          ) : (
            <WorkflowSettings
              definition={definition}
              triggerTypes={triggerTypes}
              problems={problems}
              workflowId={workflow.id}
              onEdit={edit}
            />
          )}
        </aside>
      </div>
      <JsonView definition={definition} onReplace={(next) => edit(() => next)} />
    </main>
  );
}
