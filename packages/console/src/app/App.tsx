import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ApiKeysPage } from '../api-keys/ApiKeysPage';
import { CredentialsPage } from '../credentials/CredentialsPage';
import { DeliveriesPage } from '../deliveries/DeliveriesPage';
import { ExecutionsPage } from '../executions/ExecutionsPage';
import { useSession } from '../session/session';
import { SignInPage } from '../session/SignInPage';
import { WorkflowPage } from '../workflows/WorkflowPage';
import { WorkflowsPage } from '../workflows/WorkflowsPage';
import { Layout } from './Layout';

// The canvas and the schema forms are most of the code: loaded when a page needs them.
const BuilderPage = lazy(() => import('../builder/BuilderPage'));
const ExecutionPage = lazy(() => import('../executions/ExecutionPage'));

export function App() {
  const { state } = useSession();
  if (state === 'checking') {
    return (
      <main>
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (state === 'signed-out') return <SignInPage />;
  return (
    <Layout>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Routes>
          <Route path="/" element={<Navigate to="/workflows" replace />} />
          <Route path="/api-keys" element={<ApiKeysPage />} />
          <Route path="/credentials" element={<CredentialsPage />} />
          <Route path="/workflows" element={<WorkflowsPage />} />
          <Route path="/workflows/:id" element={<WorkflowPage />} />
          <Route path="/workflows/:id/edit" element={<BuilderPage />} />
          <Route path="/workflows/:id/deliveries" element={<DeliveriesPage />} />
          <Route path="/executions" element={<ExecutionsPage />} />
          <Route path="/executions/:executionId" element={<ExecutionPage />} />
          <Route
            path="*"
            element={
              <main>
                <h1>Not found</h1>
                <p>No page here.</p>
              </main>
            }
          />
        </Routes>
      </Suspense>
    </Layout>
  );
}
