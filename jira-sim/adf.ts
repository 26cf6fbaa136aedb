import type { AdfDoc, AdfNode } from './types';

/** Atlassian Document Format helpers: REST v3 speaks ADF, webhooks (v2 shapes) speak plain text. */

export function isAdfDoc(value: unknown): value is AdfDoc {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}

/** Paragraph per blank-line-separated block; single newlines become hardBreaks. */
export function textToAdf(text: string): AdfDoc {
  const blocks = text.split(/\n{2,}/);
  const content: AdfNode[] = blocks.map((block) => {
    const inline: AdfNode[] = [];
    block.split('\n').forEach((line, index) => {
      if (index > 0) inline.push({ type: 'hardBreak' });
      if (line.length > 0) inline.push({ type: 'text', text: line });
    });
    return inline.length > 0 ? { type: 'paragraph', content: inline } : { type: 'paragraph' };
  });
  return { type: 'doc', version: 1, content };
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'panel', 'rule', 'tableRow', 'mediaSingle']);

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'emoji':
    case 'status':
      return String(node.attrs?.text ?? '');
    case 'inlineCard':
      return String(node.attrs?.url ?? '');
    default:
      return '';
  }
}

function collect(node: AdfNode, out: string[]): void {
  if (node.content === undefined) {
    const text = inlineText(node);
    if (text) out.push(text);
    return;
  }
  const isBlock = BLOCK_TYPES.has(node.type);
  const prefix = node.type === 'listItem' ? '- ' : '';
  if (isBlock) {
    const inner: string[] = [];
    node.content.forEach((child) => collect(child, inner));
    const separator = node.type === 'listItem' || node.type === 'tableRow' ? '\n' : '\n\n';
    out.push(`${prefix}${inner.join('').replace(/\n+$/, '')}${separator}`);
    return;
  }
  node.content.forEach((child) => collect(child, out));
}

/** Plain text of an ADF document (blocks separated by a blank line, trailing newlines trimmed). */
export function adfToText(doc: AdfDoc | null | undefined): string {
  if (!doc) return '';
  const out: string[] = [];
  doc.content.forEach((node) => collect(node, out));
  return out.join('').replace(/\n+$/, '');
}
