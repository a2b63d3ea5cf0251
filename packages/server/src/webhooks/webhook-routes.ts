import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '@hookflow/engine';
import { answerForError, workflowNotFound, type TriggerAnswer } from '@hookflow/sdk/pipeline';
import { sendAnswer } from '../http/error-envelope';
import { declaredLength, readRawBody } from './raw-body';
import type { IncomingWebhook, WebhookService } from './webhook-service';

/**
 * The route only translates between HTTP and the service. POST is the webhook; every other method goes to
 * the same service too, where the SDK's `answerWebhook` answers it 405, exactly as in the plugin test kit.
 */
export function createWebhookRouter(service: WebhookService, fallbackLogger: Logger): Router {
  const router = Router();
  const handle: RequestHandler = async (req, res) => {
    const answer = await service.handle(toIncomingWebhook(req, fallbackLogger));
    sendWebhookAnswer(req, res, answer);
  };
  router.route('/:workflowId').post(handle).all(handle);
  router.use(undecodableWorkflowId);
  return router;
}

function toIncomingWebhook(req: Request, fallbackLogger: Logger): IncomingWebhook {
  return {
    workflowId: String(req.params.workflowId),
    method: req.method,
    headers: req.headers,
    query: stringQuery(req.query),
    sourceIp: req.ip ?? req.socket.remoteAddress ?? '',
    receivedAt: new Date(),
    declaredBytes: declaredLength(req),
    readBody: (maxBytes, timeoutMs) => readRawBody(req, maxBytes, timeoutMs),
    logger: req.log ?? fallbackLogger,
  };
}

/** Plugins see query values as strings (or lists of them, when repeated); nested forms are not a thing here. */
function stringQuery(query: Request['query']): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') result[name] = value;
    else if (Array.isArray(value)) result[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return result;
}

function sendWebhookAnswer(req: Request, res: Response, answer: TriggerAnswer): void {
  // A body refused unread (auth failed first, too large, too slow, no free slot) may still be streaming in:
  // close the connection rather than read the rest into the void to reuse it.
  if (!req.complete) res.setHeader('Connection', 'close');
  sendAnswer(res, answer);
}

/** `/webhooks/%E0%A4%A`: a path whose id cannot even be decoded names no workflow (else it would be a 500). */
const undecodableWorkflowId: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof URIError) {
    sendAnswer(res, answerForError(workflowNotFound()));
    return;
  }
  next(error);
};
