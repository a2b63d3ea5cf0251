import { describe, expect, it } from 'vitest';
import { validateDefinition, type DefinitionProblem, type ValidationResult } from '../../src/graph';
import { catalog, documentWith, orderAlert } from './definition-fixtures';

function problemsOf(result: ValidationResult): DefinitionProblem[] {
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
}

function paths(document: unknown): string[] {
  return problemsOf(validateDefinition(document, catalog())).map((problem) => problem.path);
}

function problemAt(document: unknown, path: string): DefinitionProblem | undefined {
  return problemsOf(validateDefinition(document, catalog())).find((problem) => problem.path === path);
}

describe('validateDefinition', () => {
  it('accepts the docs/workflows.md example and returns it untouched', () => {
    const document = orderAlert();
    const result = validateDefinition(document, catalog());
    expect(result).toEqual({ ok: true, definition: document });
    if (result.ok) expect(result.definition).toBe(document);
  });

  it('reports every problem at once, each at its own path', () => {
    const document = orderAlert();
    document.name = 'Order Alert!';
    document.nodes.push({ id: 'big', type: 'log', params: { message: 'again' } });
    document.nodes.push({ id: 'mail', type: 'email.send', params: {} });
    document.edges.push({ from: 'big', to: 'nowhere' });
    (document.trigger as Record<string, unknown>).apiKeyName = 'unknown-key';
    expect(paths(document)).toEqual(
      expect.arrayContaining(['/name', '/nodes/3/id', '/nodes/4/type', '/edges/2/to', '/trigger/apiKeyName']),
    );
    expect(paths(document)).toHaveLength(5);
  });

  it('refuses something that is not an object', () => {
    expect(problemsOf(validateDefinition('nope', catalog()))).toEqual([{ path: '', message: 'must be object' }]);
  });

  describe('document schema', () => {
    it('reports missing required members at their own path', () => {
      expect(paths({ nodes: [], edges: [] })).toEqual(['/name', '/trigger']);
    });

    it('refuses unknown members of our own objects, such as a typo', () => {
      const document = orderAlert();
      document.nodes[0]!.onErorr = 'continue';
      document.edges[0]!.condition = 'true';
      expect(problemAt(document, '/nodes/0/onErorr')?.message).toBe('is not an allowed property');
      expect(problemAt(document, '/edges/0/condition')?.message).toBe('is not an allowed property');
    });

    it.each([
      ['order-alert', true],
      ['a', true],
      ['v1.2_x-y', true],
      ['-leading-dash', false],
      ['Upper', false],
      ['with space', false],
      ['x'.repeat(100), true],
      ['x'.repeat(101), false],
    ])('workflow name %j valid: %s', (name, valid) => {
      const result = validateDefinition({ ...orderAlert(), name }, catalog());
      expect(result.ok).toBe(valid);
      if (!result.ok) expect(result.problems.map((problem) => problem.path)).toEqual(['/name']);
    });

    it('checks retry, timeout and onError values', () => {
      const document = orderAlert();
      Object.assign(document.nodes[1]!, {
        retry: { maximumAttempts: 0, backoffCoefficient: 0.5, initialIntervalMs: 5000, maximumIntervalMs: 1000 },
        timeoutMs: -1,
        onError: 'ignore',
      });
      expect(paths(document).sort()).toEqual([
        '/nodes/1/onError',
        '/nodes/1/retry/backoffCoefficient',
        '/nodes/1/retry/maximumAttempts',
        '/nodes/1/retry/maximumIntervalMs',
        '/nodes/1/timeoutMs',
      ]);
      expect(problemAt(document, '/nodes/1/onError')?.message).toBe('must be one of "fail", "continue"');
      expect(problemAt(document, '/nodes/1/retry/maximumIntervalMs')?.message).toBe(
        'must be at least initialIntervalMs (5000)',
      );
    });

    it('requires params, trigger.config and edge ends', () => {
      const document = documentWith([{ id: 'a', type: 'log' }], [{ from: 'a' }]);
      delete (document.trigger as Record<string, unknown>).config;
      expect(paths(document)).toEqual(['/trigger/config', '/nodes/0/params', '/edges/0/to']);
    });
  });

  describe('node ids', () => {
    it('must be unique', () => {
      const document = documentWith([
        { id: 'a', type: 'log', params: { message: 'x' } },
        { id: 'a', type: 'log', params: { message: 'y' } },
      ]);
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/nodes/1/id', message: 'duplicate node id "a" (see /nodes/0/id)' },
      ]);
    });

    it.each(['1abc', '_a', 'a.b', 'a b', 'a'.repeat(65), ''])('refuses %j', (id) => {
      expect(paths(documentWith([{ id, type: 'log', params: { message: 'x' } }]))).toEqual(['/nodes/0/id']);
    });

    it.each(['a', 'Fetch_order-2', 'constructor', 'a'.repeat(64)])('accepts %j', (id) => {
      expect(validateDefinition(documentWith([{ id, type: 'log', params: { message: 'x' } }]), catalog()).ok).toBe(
        true,
      );
    });
  });

  describe('edges', () => {
    const a = { id: 'a', type: 'log', params: { message: 'a' } };
    const b = { id: 'b', type: 'log', params: { message: 'b' } };

    it('must name existing nodes', () => {
      const document = documentWith(
        [a, b],
        [
          { from: 'a', to: 'b' },
          { from: 'ghost', to: 'b' },
          { from: 'a', to: 'x' },
        ],
      );
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/edges/1/from', message: 'no node has the id "ghost"' },
        { path: '/edges/2/to', message: 'no node has the id "x"' },
      ]);
    });

    it('refuses duplicates, an absent `when` being `success`', () => {
      const document = documentWith(
        [a, b],
        [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'b', when: 'success' },
          { from: 'a', to: 'b' },
        ],
      );
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/edges/1', message: 'duplicate edge: same as /edges/0' },
        { path: '/edges/2', message: 'duplicate edge: same as /edges/0' },
      ]);
    });

    it('accepts a true and a false edge to the same node', () => {
      const condition = { id: 'c', type: 'condition', params: { expression: 'true' } };
      const document = documentWith(
        [condition, b],
        [
          { from: 'c', to: 'b', when: 'true' },
          { from: 'c', to: 'b', when: 'false' },
        ],
      );
      expect(validateDefinition(document, catalog()).ok).toBe(true);
    });

    it('allows `when: "true"/"false"` only from condition nodes', () => {
      const document = documentWith([a, b], [{ from: 'a', to: 'b', when: 'true' }]);
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/edges/0/when', message: 'when "true" needs a condition node as its source; "a" is a log node' },
      ]);
    });

    it('allows an error edge only from a node with onError "continue"', () => {
      const refused = documentWith([a, b], [{ from: 'a', to: 'b', when: 'error' }]);
      expect(paths(refused)).toEqual(['/edges/0/when']);
      expect(problemAt(refused, '/edges/0/when')?.message).toContain('onError to "continue"');
      const accepted = documentWith([{ ...a, onError: 'continue' }, b], [{ from: 'a', to: 'b', when: 'error' }]);
      expect(validateDefinition(accepted, catalog()).ok).toBe(true);
    });

    it('refuses edges leaving a fail node, which always ends the run', () => {
      const stop = { id: 'stop', type: 'fail', params: { message: 'no' } };
      expect(paths(documentWith([stop, b], [{ from: 'stop', to: 'b' }]))).toEqual(['/edges/0/from']);
    });

    it('refuses an unknown `when`', () => {
      expect(problemAt(documentWith([a, b], [{ from: 'a', to: 'b', when: 'always' }]), '/edges/0/when')?.message).toBe(
        'must be one of "success", "error", "true", "false"',
      );
    });
  });

  describe('cycles', () => {
    const node = (id: string) => ({ id, type: 'log', params: { message: id } });

    it('reports the edge that closes a cycle, naming the cycle', () => {
      const document = documentWith(
        [node('a'), node('b'), node('c'), node('d')],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'a' },
          { from: 'c', to: 'd' },
        ],
      );
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/edges/2', message: 'closes a cycle: a → b → c → a' },
      ]);
    });

    it('reports a self-loop', () => {
      expect(problemsOf(validateDefinition(documentWith([node('a')], [{ from: 'a', to: 'a' }]), catalog()))).toEqual([
        { path: '/edges/0', message: 'closes a cycle: a → a' },
      ]);
    });

    it('accepts a diamond, which joins without a cycle', () => {
      const document = documentWith(
        [node('a'), node('b'), node('c'), node('d')],
        [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
          { from: 'b', to: 'd' },
          { from: 'c', to: 'd' },
        ],
      );
      expect(validateDefinition(document, catalog()).ok).toBe(true);
    });

    it('handles a long chain without recursion limits', () => {
      const ids = Array.from({ length: 500 }, (_, index) => `n${index}`);
      const edges = ids.slice(1).map((id, index) => ({ from: ids[index], to: id }));
      const document = documentWith(ids.map(node), [...edges, { from: 'n499', to: 'n0' }]);
      expect(paths(document)).toEqual(['/edges/499']);
    });
  });

  describe('node types', () => {
    it('must exist', () => {
      expect(
        problemsOf(validateDefinition(documentWith([{ id: 'a', type: 'email.send', params: {} }]), catalog())),
      ).toEqual([{ path: '/nodes/0/type', message: 'unknown node type "email.send"' }]);
    });

    it('include the control types even when the catalog does not list them', () => {
      const document = documentWith([
        { id: 'c', type: 'condition', params: { expression: '$trigger.ok' } },
        { id: 'd', type: 'delay', params: { seconds: 5 } },
        { id: 'w', type: 'wait', params: { event: 'approved', timeoutSeconds: 60 } },
        { id: 'f', type: 'fail', params: { message: 'no' } },
      ]);
      expect(validateDefinition(document, catalog()).ok).toBe(true);
    });

    it('report a plugin whose own paramsSchema is broken at the node type', () => {
      const broken = { ...catalog(), nodeType: () => ({ paramsSchema: { type: 'nope' } }) };
      const result = validateDefinition(documentWith([{ id: 'a', type: 'broken', params: {} }]), broken);
      expect(problemsOf(result)).toEqual([
        {
          path: '/nodes/0/type',
          message: expect.stringContaining('node type "broken" declares an invalid paramsSchema') as string,
        },
      ]);
    });
  });

  describe('params', () => {
    it('must match the node type schema, each problem at its JSON path', () => {
      const document = documentWith([
        {
          id: 'call',
          type: 'http.request',
          params: { method: 'FETCH', headers: { 'x-count': 3 }, timeoutMs: 'soon', extra: true },
        },
      ]);
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/nodes/0/params/url', message: 'is required' },
        { path: '/nodes/0/params/extra', message: 'is not an allowed property' },
        { path: '/nodes/0/params/method', message: 'must be one of "GET", "POST", "PUT", "PATCH", "DELETE"' },
        { path: '/nodes/0/params/headers/x-count', message: 'must be string' },
        { path: '/nodes/0/params/timeoutMs', message: 'must be integer' },
      ]);
    });

    it('escape keys in paths as JSON Pointer requires', () => {
      const document = documentWith([
        { id: 'call', type: 'http.request', params: { method: 'GET', url: 'http://x', headers: { 'a/b~c': 1 } } },
      ]);
      expect(paths(document)).toEqual(['/nodes/0/params/headers/a~1b~0c']);
    });

    it('check control node params: delay takes exactly one of seconds or until', () => {
      const delay = (params: unknown) => documentWith([{ id: 'd', type: 'delay', params }]);
      expect(validateDefinition(delay({ until: '2030-01-01T00:00:00Z' }), catalog()).ok).toBe(true);
      const exactlyOne = [{ path: '/nodes/0/params', message: 'must have exactly one of "seconds", "until"' }];
      expect(problemsOf(validateDefinition(delay({}), catalog()))).toEqual(exactlyOne);
      expect(problemsOf(validateDefinition(delay({ seconds: 1, until: '2030-01-01T00:00:00Z' }), catalog()))).toEqual(
        exactlyOne,
      );
      expect(paths(delay({ seconds: -1 }))).toEqual(['/nodes/0/params/seconds']);
      expect(paths(delay({ until: 'tomorrow' }))).toEqual(['/nodes/0/params/until']);
    });

    it('check control node params: wait needs an event', () => {
      expect(paths(documentWith([{ id: 'w', type: 'wait', params: { timeoutSeconds: 0 } }])).sort()).toEqual([
        '/nodes/0/params/event',
        '/nodes/0/params/timeoutSeconds',
      ]);
    });
  });

  describe('expressions', () => {
    it('report a template that does not parse at its param path', () => {
      const document = documentWith([
        { id: 'note', type: 'log', params: { message: 'total {{ $trigger.amount + }}' } },
      ]);
      const problems = problemsOf(validateDefinition(document, catalog()));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe('/nodes/0/params/message');
      expect(problems[0]!.message).toMatch(/^template "\{\{ \$trigger.amount \+ \}\}" does not parse: /);
    });

    it('report templates deep inside params and an unclosed template', () => {
      const document = documentWith([
        {
          id: 'shape',
          type: 'transform',
          params: { value: { list: ['ok {{ $trigger.a }}', '{{ ( }}'], open: 'hello {{ $trigger.name' } },
        },
      ]);
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/nodes/0/params/value/list/1', message: expect.stringContaining('does not parse') as string },
        { path: '/nodes/0/params/value/open', message: 'the "{{" at position 6 is never closed with "}}"' },
      ]);
    });

    it('report an empty template', () => {
      expect(
        problemAt(documentWith([{ id: 'n', type: 'log', params: { message: 'x {{ }}' } }]), '/nodes/0/params/message')
          ?.message,
      ).toBe('template "{{ }}" does not parse: the expression is empty');
    });

    it('check a condition expression with or without braces', () => {
      const condition = (expression: string) => documentWith([{ id: 'c', type: 'condition', params: { expression } }]);
      expect(validateDefinition(condition('{{ $trigger.amount > 100 }}'), catalog()).ok).toBe(true);
      expect(paths(condition('$trigger.body.amount >'))).toEqual(['/nodes/0/params/expression']);
      expect(paths(condition('{{ $trigger.body.amount > }}'))).toEqual(['/nodes/0/params/expression']);
      expect(problemAt(condition('a {{ $x }}'), '/nodes/0/params/expression')?.message).toBe(
        'must be one JSONata expression, with or without {{ }} around it',
      );
    });
  });

  describe('trigger', () => {
    it('type must be a loaded trigger plugin', () => {
      const document = { ...orderAlert(), trigger: { type: 'smtp', apiKeyName: 'shop', config: {} } };
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/trigger/type', message: 'unknown trigger type "smtp"' },
      ]);
    });

    it('config must match the plugin configSchema', () => {
      const document = {
        ...orderAlert(),
        trigger: { type: 'amazon-sns', apiKeyName: 'shop', config: { topicArns: [1], raw: true } },
      };
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/trigger/config/raw', message: 'is not an allowed property' },
        { path: '/trigger/config/topicArns/0', message: 'must be string' },
      ]);
    });

    it('config holds no templates: they are checked literally', () => {
      const document = {
        ...orderAlert(),
        trigger: { type: 'amazon-sns', apiKeyName: 'shop', config: { allowRawDelivery: '{{ true }}' } },
      };
      expect(paths(document)).toEqual(['/trigger/config/allowRawDelivery']);
    });

    it('apiKeyName must exist', () => {
      expect(validateDefinition(orderAlert(), catalog(['other']))).toEqual({
        ok: false,
        problems: [{ path: '/trigger/apiKeyName', message: 'no API key is named "shop"' }],
      });
    });
  });

  describe('inputSchema', () => {
    it('must compile, with the offending keyword located', () => {
      const document = { ...orderAlert(), inputSchema: { type: 'object', properties: { amount: { type: 'money' } } } };
      const problems = problemsOf(validateDefinition(document, catalog()));
      expect(problems.map((problem) => problem.path)).toContain('/inputSchema/properties/amount/type');
      expect(problems.every((problem) => problem.message.startsWith('is not a valid JSON Schema: '))).toBe(true);
    });

    it('must not reference what it does not define', () => {
      const document = { ...orderAlert(), inputSchema: { $ref: '#/$defs/order' } };
      expect(problemsOf(validateDefinition(document, catalog()))).toEqual([
        { path: '/inputSchema', message: expect.stringContaining("can't resolve reference #/$defs/order") as string },
      ]);
    });

    it('must be an object', () => {
      expect(paths({ ...orderAlert(), inputSchema: 'string' })).toEqual(['/inputSchema']);
    });
  });
});
