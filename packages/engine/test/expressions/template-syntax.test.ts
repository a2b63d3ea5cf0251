import { describe, expect, it } from 'vitest';
import { findTemplates, isTemplate, parseTemplate, singleTemplateSource } from '../../src/expressions';

describe('template syntax', () => {
  it('splits text and templates', () => {
    expect(parseTemplate('Hi {{ $trigger.name }}, order {{$trigger.id}}!')).toEqual({
      parts: [
        { kind: 'text', text: 'Hi ' },
        { kind: 'expression', source: ' $trigger.name ' },
        { kind: 'text', text: ', order ' },
        { kind: 'expression', source: '$trigger.id' },
        { kind: 'text', text: '!' },
      ],
    });
  });

  it('does not end a template at a }} inside a string literal, comment or object constructor', () => {
    expect(parseTemplate('{{ {"a": {"b": 1}} }}').parts).toEqual([{ kind: 'expression', source: ' {"a": {"b": 1}} ' }]);
    expect(parseTemplate(`{{ '{{name}}' }}`).parts).toEqual([{ kind: 'expression', source: ` '{{name}}' ` }]);
    expect(parseTemplate('{{ "a \\" }}" }}').parts).toEqual([{ kind: 'expression', source: ' "a \\" }}" ' }]);
    expect(parseTemplate('{{ /* }} */ 1 }}').parts).toEqual([{ kind: 'expression', source: ' /* }} */ 1 ' }]);
    expect(parseTemplate('{{ `odd}}name` }}').parts).toEqual([{ kind: 'expression', source: ' `odd}}name` ' }]);
  });

  it('marks a {{ that is never closed and keeps it as text', () => {
    expect(parseTemplate('a {{ b }} c {{ d')).toEqual({
      parts: [
        { kind: 'text', text: 'a ' },
        { kind: 'expression', source: ' b ' },
        { kind: 'text', text: ' c {{ d' },
      ],
      unclosedAt: 12,
    });
  });

  it('leaves text without templates alone, a lone }} included', () => {
    expect(parseTemplate('plain }} text')).toEqual({ parts: [{ kind: 'text', text: 'plain }} text' }] });
    expect(isTemplate('plain }} text')).toBe(false);
    expect(isTemplate('{{ unclosed')).toBe(false);
    expect(isTemplate('x{{1}}')).toBe(true);
  });

  it('recognises a string that is exactly one template, surrounding whitespace allowed', () => {
    expect(singleTemplateSource('{{ $trigger.n }}')).toBe(' $trigger.n ');
    expect(singleTemplateSource('  {{ $trigger.n }}\n')).toBe(' $trigger.n ');
    expect(singleTemplateSource('n={{ $trigger.n }}')).toBeUndefined();
    expect(singleTemplateSource('{{ a }}{{ b }}')).toBeUndefined();
    expect(singleTemplateSource('no template')).toBeUndefined();
  });

  it('finds every templated string in nested params with its location', () => {
    const params = { url: 'http://x/{{ $trigger.id }}', body: { list: [1, '{{ $trigger.a }}', 'plain'] }, bad: '{{ x' };
    expect(findTemplates(params)).toEqual([
      { segments: ['url'], text: params.url, expressions: [' $trigger.id '], single: false },
      { segments: ['body', 'list', 1], text: '{{ $trigger.a }}', expressions: [' $trigger.a '], single: true },
      { segments: ['bad'], text: '{{ x', expressions: [], single: false, unclosedAt: 0 },
    ]);
  });
});
