/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The info string's words: ```json output → ['json', 'output']. */
  info: string[];
  /** The block's text, without the fences and without the fence's own indentation. */
  text: string;
  /** 1-based line of the opening fence, for messages that point at the source. */
  line: number;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/;

/** Every fenced code block of a CommonMark document, in order (blocks inside list items included). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING.exec(lines[index]!) ?? listItemFence(lines[index]!);
    if (!opening) continue;
    const [, indent = '', fence = '', info = ''] = opening;
    const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !closing.test(lines[end]!)) {
      body.push(stripIndent(lines[end]!, indent.length));
      end++;
    }
    blocks.push({ info: info.trim().split(/\s+/).filter(Boolean), text: body.join('\n'), line: index + 1 });
    index = end;
  }
  return blocks;
}

/** A fence nested in a list item is indented by the item's content offset (e.g. three spaces after "1. "). */
function listItemFence(line: string): RegExpExecArray | null {
  return /^( {2,10})(`{3,}|~{3,})\s*([^`]*)$/.exec(line);
}

function stripIndent(line: string, width: number): string {
  let strip = 0;
  while (strip < width && line[strip] === ' ') strip++;
  return line.slice(strip);
}
