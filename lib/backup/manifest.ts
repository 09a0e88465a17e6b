/**
 * What a backup archive holds, described by its manifest.json. The format is ours and documented
 * in docs/backups.md; `format` changes when a reader of the old one could misread the new one.
 */
export const BACKUP_FORMAT = 'afterdesk-backup/1';

export type TableEntry = {
  name: string;
  /** Columns in the order of the file (generated columns are left out: the database recomputes them). */
  columns: string[];
  rows: number;
  /** SHA-256 of the COPY text, rows ordered by primary key, in fixed output settings (see copy.ts). */
  sha256: string;
  file: string;
};

export type SequenceEntry = { name: string; lastValue: string | null };

export type BlobEntry = { key: string; sha256: string; bytes: number };

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  app: { version: string };
  database: { kind: 'pglite' | 'postgres'; serverVersion: string };
  /** The migrations applied to the data, by tag, oldest first: a restore replays exactly these. */
  migrations: string[];
  /** The data key is never in the archive; its fingerprint says which key the data needs. */
  dataKey: { fingerprint: string | null };
  tables: TableEntry[];
  sequences: SequenceEntry[];
  blobs: { store: string; count: number; bytes: number; missing: string[]; entries: BlobEntry[] };
  totals: { rows: number };
};

/** Where each part lives inside the archive. */
export const MANIFEST_FILE = 'manifest.json';
export const tableFile = (name: string) => `db/${name}.copy`;
export const blobFile = (key: string) => `blobs/${key}`;
