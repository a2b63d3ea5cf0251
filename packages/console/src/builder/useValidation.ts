import { useEffect, useState } from 'react';
import { fetchers } from '../api/queries';
import type { Problem, WorkflowDefinition } from '../api/types';

const DEBOUNCE_MS = 400;

/** Live validation: the server's checks of a save, run shortly after each change. */
export function useValidation(
  definition: WorkflowDefinition,
  workflowId: string,
): { problems: Problem[]; checking: boolean; error: unknown } {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    setChecking(true);
    const timer = setTimeout(() => {
      fetchers.validate(definition, workflowId).then(
        (result) => {
          if (!current) return;
          setProblems(result.problems);
          setError(undefined);
          setChecking(false);
        },
        (caught: unknown) => {
          if (!current) return;
          setError(caught);
          setChecking(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [definition, workflowId]);
  return { problems, checking, error };
}
