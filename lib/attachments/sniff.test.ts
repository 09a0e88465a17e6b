import { describe, expect, it } from 'vitest';
import { checkFile, cleanFileName, MAX_ATTACHMENT_BYTES, sniffType } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR');
const PDF = bytes('%PDF-1.7\n%âãÏÓ');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const EXE = bytes('MZ', [0x90, 0, 3, 0]);
const HTML = bytes('<html><script>alert(1)</script>');

describe('sniffType', () => {
  it('recognises each allowed format by its signature', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(WEBP)).toBe('image/webp');
    expect(sniffType(GIF)).toBe('image/gif');
  });
  it('knows nothing else', () => {
    expect(sniffType(EXE)).toBeNull();
    expect(sniffType(HTML)).toBeNull();
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
  });
});

describe('checkFile', () => {
  it('accepts a photo and a PDF whose names agree with their content', () => {
    expect(checkFile('broken.JPG', JPEG)).toEqual({ ok: true, type: 'image/jpeg', name: 'broken.JPG' });
    expect(checkFile('invoice.pdf', PDF)).toMatchObject({ ok: true, type: 'application/pdf' });
    expect(checkFile('no-extension', PNG)).toMatchObject({ ok: true, type: 'image/png' });
  });
  it('refuses a disguised file: an executable named .jpg, a PDF named .png, HTML named .pdf', () => {
    expect(checkFile('photo.jpg', EXE)).toEqual({ ok: false, code: 'file_type_not_allowed' });
    expect(checkFile('photo.png', PDF)).toEqual({ ok: false, code: 'file_type_mismatch' });
    expect(checkFile('receipt.pdf', HTML)).toEqual({ ok: false, code: 'file_type_not_allowed' });
  });
  it('refuses an empty file and one over 10 MB, and accepts exactly 10 MB', () => {
    expect(checkFile('a.jpg', new Uint8Array())).toEqual({ ok: false, code: 'file_empty' });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(JPEG);
    expect(checkFile('a.jpg', big)).toEqual({ ok: false, code: 'file_too_large' });
    expect(checkFile('a.jpg', big.subarray(0, MAX_ATTACHMENT_BYTES))).toMatchObject({ ok: true });
  });
});

describe('cleanFileName', () => {
  it('drops paths and characters that could break a header, and names nameless files', () => {
    expect(cleanFileName('C:\\Users\\me\\破损照片.jpg', 'image/jpeg')).toBe('破损照片.jpg');
    expect(cleanFileName('../../etc/"x"<y>.png', 'image/png')).toBe('xy.png');
    expect(cleanFileName('', 'application/pdf')).toBe('file.pdf');
  });
});
