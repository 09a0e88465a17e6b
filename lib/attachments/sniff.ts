/**
 * What a file really is, from its first bytes: customers rename files, and a `.jpg` that is
 * really an executable must not reach an agent's browser. Only formats every browser previews
 * safely are accepted: JPEG, PNG, GIF, WebP and PDF.
 */
export const ALLOWED_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 6;

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function sniffType(bytes: Uint8Array): AllowedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

export type FileCheck =
  | { ok: true; type: AllowedType; name: string }
  | { ok: false; code: 'file_empty' | 'file_too_large' | 'file_type_not_allowed' | 'file_type_mismatch' };

/**
 * Accepts a file only if its content is an allowed type and its name, if it has an extension,
 * agrees with that content (a PDF called photo.jpg is refused as disguised). Names are kept for
 * display only, stripped of paths and control characters.
 */
export function checkFile(name: string, bytes: Uint8Array): FileCheck {
  if (bytes.byteLength === 0) return { ok: false, code: 'file_empty' };
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, code: 'file_too_large' };
  const type = sniffType(bytes);
  if (!type) return { ok: false, code: 'file_type_not_allowed' };
  const clean = cleanFileName(name, type);
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(clean)?.[1]?.toLowerCase();
  if (ext && !(ALLOWED_TYPES[type] as readonly string[]).includes(ext))
    return { ok: false, code: 'file_type_mismatch' };
  return { ok: true, type, name: clean };
}

export function cleanFileName(name: string, type: AllowedType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"<>]/g, '')
    .trim()
    .slice(-120);
  return base || `file.${ALLOWED_TYPES[type][0]}`;
}
