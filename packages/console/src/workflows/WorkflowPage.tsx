import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, encodeId } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { Workflow } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import { TriggerPanel } from './TriggerPanel';
import { VersionsList } from './VersionsList';

export function WorkflowPage() {
  const id = useParams().id!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Refreshed while open: SNS subscriptions get confirmed by the sender, not by the operator.
  const workflow = useQuery({
    queryKey: keys.workflow(id),
    queryFn: () => fetchers.workflow(id),
    refetchInterval: 3000,
  });
  usePageTitle(workflow.data?.name ?? 'Workflow');

  const setEnabled = useMutation({
    mutationFn: (enabled: boolean) =>
      api<Workflow>(`/workflows/${encodeId(id)}`, { method: 'PATCH', body: { enabled } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.workflow(id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/workflows/${encodeId(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: keys.workflow(id) });
      await queryClient.invalidateQueries({ queryKey: keys.workflows });
      void navigate('/workflows');
    },
  });

  if (!workflow.data) {
    return (
      <main>
        <h1>Workflow</h1>
        <ErrorMessage error={workflow.error} />
      </main>
    );
  }
  const current = workflow.data;
  return (
    <main>
      <h1>{current.name}</h1>
      <p>
        Version {current.version} · {current.enabled ? 'enabled' : 'disabled'} · {current.nodes.length} nodes
        {current.description ? ` · ${current.description}` : ''}
      </p>
      <div className="row wrap">
        <Link className="button primary" to={`/workflows/${id}/edit`}>
          Open in builder
        </Link>
        <Link className="button" to={`/executions?workflowId=${encodeURIComponent(id)}`}>
          Executions
        </Link>
        <Link className="button" to={`/workflows/${id}/deliveries`}>
          Deliveries
        </Link>
        <button type="button" disabled={setEnabled.isPending} onClick={() => setEnabled.mutate(!current.enabled)}>
          {current.enabled ? 'Disable workflow' : 'Enable workflow'}
        </button>
        <ConfirmButton
          label="Delete workflow"
          title={`Delete workflow “${current.name}”?`}
          confirmLabel="Delete for good"
          onConfirm={() => remove.mutateAsync()}
        >
          Its webhook URL answers 404 at once; its versions and delivery log are deleted. Runs in flight finish.
        </ConfirmButton>
      </div>
      <ErrorMessage error={setEnabled.error ?? remove.error} />
      <TriggerPanel workflow={current} />
      <VersionsList workflowId={id} />
    </main>
  );
}
