import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchers, keys } from '../api/queries';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatJson, formatTime } from '../ui/format';

/** Every saved version, newest first; any one's definition on demand. */
export function VersionsList({ workflowId }: { workflowId: string }) {
  const versions = useQuery({ queryKey: keys.versions(workflowId), queryFn: () => fetchers.versions(workflowId) });
  const [shown, setShown] = useState<number>();
  const definition = useQuery({
    queryKey: keys.workflow(workflowId, shown),
    queryFn: () => fetchers.workflow(workflowId, shown),
    enabled: shown !== undefined,
  });
  return (
    <section className="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <ErrorMessage error={versions.error ?? definition.error} />
      <ul className="versions">
        {versions.data?.items.map((version) => (
          <li key={version.version}>
            <span>
              v{version.version} · saved {formatTime(version.createdAt)}
            </span>{' '}
            <button
              type="button"
              aria-expanded={shown === version.version}
              onClick={() => setShown(shown === version.version ? undefined : version.version)}
            >
              {shown === version.version ? `Hide version ${version.version}` : `Show version ${version.version}`}
            </button>
          </li>
        ))}
      </ul>
      {shown !== undefined && definition.data ? (
        <pre className="json" aria-label={`Definition of version ${shown}`} tabIndex={0}>
          {formatJson({ nodes: definition.data.nodes, edges: definition.data.edges, trigger: definition.data.trigger })}
        </pre>
      ) : null}
    </section>
  );
}
