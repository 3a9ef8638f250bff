// The URL state codec: JSON, deflate-raw (CompressionStream), base64url.
// Runs in the worker, so a large workspace never stalls typing. Links made
// before (`#s=`, lz-string) still open: lz-string is loaded only for them.
import type { SavedState } from '../worker/protocol';

const PREFIX = '#z=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export async function encodeState(state: SavedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 2, ...state }));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

function valid(s: unknown): SavedState | null {
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  const docs = o.docs;
  if (!Array.isArray(docs) || docs.length === 0) return null;
  if (!docs.every((d) => Array.isArray(d) && typeof d[0] === 'string' && d[0] !== '' && typeof d[1] === 'string')) return null;
  const state: SavedState = { docs: docs as SavedState['docs'], active: typeof o.active === 'string' ? o.active : '' };
  if (o.rules && typeof o.rules === 'object') state.rules = o.rules as SavedState['rules'];
  if (Array.isArray(o.crlf)) state.crlf = o.crlf.filter((n): n is string => typeof n === 'string');
  return state;
}

export async function decodeState(hash: string): Promise<SavedState | null> {
  try {
    if (hash.startsWith(PREFIX)) {
      const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
      return valid(JSON.parse(new TextDecoder().decode(bytes)));
    }
    if (hash.startsWith('#s=')) {
      const { default: LZString } = await import('lz-string');
      return valid(JSON.parse(LZString.decompressFromEncodedURIComponent(hash.slice(3)) ?? ''));
    }
  } catch {
    // A truncated or hand-edited link: start from the default state.
  }
  return null;
}
