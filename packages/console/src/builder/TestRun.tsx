import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, encodeId } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';

/** "Test": a payload sent as a manual run of the saved version; its execution opens. */
export function TestRun({ workflowId, disabled }: { workflowId: string; disabled: boolean }) {
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [payload, setPayload] = useState('{}');
  const [parseError, setParseError] = useState<string>();
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  const run = useMutation({
    mutationFn: (body: unknown) =>
      api<{ executionId: string }>(`/workflows/${encodeId(workflowId)}/runs`, {
        method: 'POST',
        body: { payload: body },
      }),
    onSuccess: (started) => navigate(`/executions/${encodeURIComponent(started.executionId)}`),
  });
  function start() {
    try {
      const parsed = JSON.parse(payload) as unknown;
      setParseError(undefined);
      run.mutate(parsed);
    } catch {
      setParseError('The payload is not valid JSON.');
    }
  }
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        title={disabled ? 'Save first: a test runs the saved version' : undefined}
        onClick={() => setOpen(true)}
      >
        Test
      </button>
      <dialog ref={dialog} aria-label="Test run" onClose={() => setOpen(false)}>
        <h2>Test run</h2>
        <p>
          Runs the saved version now with this payload (what a sender would deliver), bypassing the trigger&apos;s auth.
        </p>
        <label htmlFor="test-payload">Test payload (JSON)</label>
        <textarea
          id="test-payload"
          className="mono"
          rows={8}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
        {parseError ? (
          <p role="alert" className="error">
            {parseError}
          </p>
        ) : null}
        <ErrorMessage error={run.error} />
        <div className="row">
          <button type="button" className="primary" disabled={run.isPending} onClick={start}>
            Run test
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
