/**
 * Evidence files: documents attached to the dossier (the review in which the problem was first
 * raised, a customer's complaint, the certificate of a course that was offered), numbered as
 * exhibits ("productie 1", "productie 2", …) in the order they were stored.
 *
 * A file is uploaded in two steps, so nothing unchecked ever counts as evidence:
 * 1. `POST /trajectories/{id}/files` records a *pending* file (title, date, the step it belongs
 *    to, its declared type and size) and answers a presigned form that lets the browser put
 *    exactly one object, of that type and at most that size, at the file's staging key;
 * 2. `POST /trajectories/{id}/files/{fileId}/confirm` reads what arrived, checks its size and
 *    its first bytes against the declared type (a program renamed `.pdf` does not start with
 *    `%PDF-`), and only then moves it to the file's own key and stores it, with its SHA-256. What
 *    fails the check is deleted, with its pending record: nothing of it stays.
 * Removing a file is an event; the object stays (a dossier under a legal hold keeps everything)
 * until the dossier itself is purged. Numbers never shift: a removed file keeps its number.
 *
 * Pure: the API (functions/api/files.ts) runs these rules against the bucket and the table.
 */
import * as z from 'zod';
import type { DossierEvent, Role, Task, TaskKind } from './model.ts';
import { calendarDate, LIMITS, line, text } from './schemas.ts';

/** The default largest file, in bytes (a deployment may set `FILES_MAX_BYTES`). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A presigned upload form is good for this long. */
export const UPLOAD_SECONDS = 5 * 60;
/** A presigned download is good for this long: enough to start it, not to pass it on. */
export const DOWNLOAD_SECONDS = 60;

/**
 * The types a dossier takes, with how each starts. E-mail (`.eml`) is text: it must begin with a
 * header line and hold no NUL byte. Office documents are ZIP (Open XML) or OLE (the older formats).
 */
export const FILE_TYPES = {
  'application/pdf': { extensions: ['pdf'], sniff: startsWith('%PDF-') },
  'image/png': { extensions: ['png'], sniff: startsWith('\x89PNG\r\n\x1a\n') },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], sniff: startsWith('\xff\xd8\xff') },
  'message/rfc822': { extensions: ['eml'], sniff: looksLikeMail },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    sniff: startsWith('PK\x03\x04'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['xlsx'],
    sniff: startsWith('PK\x03\x04'),
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    extensions: ['pptx'],
    sniff: startsWith('PK\x03\x04'),
  },
  'application/msword': { extensions: ['doc'], sniff: startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1') },
  'application/vnd.ms-excel': { extensions: ['xls'], sniff: startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1') },
} as const satisfies Record<string, { extensions: readonly string[]; sniff: (head: Uint8Array) => boolean }>;

export type FileType = keyof typeof FILE_TYPES;
export const FILE_TYPE_NAMES = Object.keys(FILE_TYPES) as FileType[];

/** How many first bytes the check reads. */
export const SNIFF_BYTES = 1024;

function startsWith(magic: string) {
  const bytes = Uint8Array.from(magic, (char) => char.charCodeAt(0));
  return (head: Uint8Array) =>
    head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

function looksLikeMail(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  const text = new TextDecoder('latin1').decode(head);
  return /^[A-Za-z][A-Za-z0-9-]*:[ \t]/.test(text);
}

/** Whether the first bytes of an upload fit the type it was declared as. */
export function fitsType(type: FileType, head: Uint8Array): boolean {
  return FILE_TYPES[type].sniff(head);
}

export const FILE_STATUSES = ['pending', 'stored', 'removed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export interface EvidenceFile {
  id: string;
  trajectoryId: string;
  /** The step (task) of the dossier it belongs to, e.g. `identify-1`, `follow-up-2`. */
  taskId: string;
  title: string;
  /** YYYY-MM-DD: the date of the document itself (the day the complaint came in). */
  date: string;
  /** The name it was uploaded under, shown on download. */
  filename: string;
  contentType: FileType;
  /** Bytes: declared while pending, measured once stored. */
  size: number;
  addedBy: Role;
  status: FileStatus;
  createdAt: string;
  /** Set when stored: its checksum and its exhibit number. */
  sha256?: string;
  storedAt?: string;
  exhibit?: number;
  removedAt?: string;
}

/** Where an upload waits for its check, and where a checked file lives, in the bucket. */
export const stagingKey = (file: Pick<EvidenceFile, 'trajectoryId' | 'id'>) =>
  `uploads/${file.trajectoryId}/${file.id}`;
export const storedKey = (file: Pick<EvidenceFile, 'trajectoryId' | 'id'>) =>
  `files/${file.trajectoryId}/${file.id}`;
/** Where an exhibits bundle is left for its download (a day: the bucket's lifecycle clears it). */
export const bundleKey = (trajectoryId: string, at: Date) =>
  `bundles/${trajectoryId}/${at.toISOString().replace(/[:.]/g, '-')}.pdf`;
/** Every key of a dossier's files starts with one of these. */
export const dossierPrefixes = (trajectoryId: string) => [
  `uploads/${trajectoryId}/`,
  `files/${trajectoryId}/`,
  `bundles/${trajectoryId}/`,
];

export const newFileBody = (maxBytes: number) =>
  z.strictObject({
    title: line(LIMITS.title),
    date: calendarDate(),
    taskId: line(LIMITS.title),
    filename: line(LIMITS.title),
    contentType: z.enum(FILE_TYPE_NAMES),
    size: z.number().int().min(1).max(maxBytes),
  });
export type NewFile = z.output<ReturnType<typeof newFileBody>>;

/** What a mailed link announces: the same without `taskId` (the link names the task). */
export const linkFileBody = (maxBytes: number) => newFileBody(maxBytes).omit({ taskId: true });

export const removeFileBody = z.strictObject({ reason: text(LIMITS.reason) });

/**
 * The tasks whose page offers to attach documents (on the mailed link and the dashboard): the
 * steps that describe what happened, and the employee's own reactions to them.
 */
export const ATTACHING_KINDS: readonly TaskKind[] = [
  'identify',
  'conversation',
  'plan',
  'follow-up',
  'evaluation',
  'follow-up-reaction',
  'evaluation-reaction',
];

/** The `accept` list of a file input: every extension the dossier takes. */
export const ACCEPTED_EXTENSIONS = Object.values(FILE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',');

/** Whether a task takes documents at all: its page offers to attach them (`ATTACHING_KINDS`). */
export const takesDocuments = (task: Pick<Task, 'kind'>): boolean => ATTACHING_KINDS.includes(task.kind);

/**
 * Whether `by` may attach a file to `task` through the dossier's files API. HR keeps the dossier
 * and may put a document with any step. Anyone else only with a step they answer themselves and
 * that takes documents: the rule of the task pages, where only the person a task waits for
 * attaches, and only to a step that takes documents. Without it, a manager could file documents
 * under HR's own steps (the plan's approval, the decision's confirmation) or under the employee's
 * reactions, where the dossier would show them as part of what HR or the employee put forward.
 */
export const mayAttachTo = (task: Pick<Task, 'kind' | 'assignee'>, by: Role): boolean =>
  by === 'hr' || (task.assignee === by && takesDocuments(task));

/**
 * The highest exhibit number the files carry, removed files included (0 for none). The next
 * number is drawn from the dossier's counter (`FileRecords.drawExhibit`), not derived from this:
 * two files confirmed at the same moment would both read the same highest number.
 */
export function highestExhibit(files: readonly EvidenceFile[]): number {
  return files.reduce((highest, file) => Math.max(highest, file.exhibit ?? 0), 0);
}

/**
 * Whether `by` may act on `file` as the one who added it: confirm its upload, or take it out of
 * the exhibits. HR keeps the dossier and may do either with any file; anyone else only with a file
 * of their own. The file records the role that added it, and a trajectory has one manager, who
 * never changes: so for a manager, "added by the manager" is "added by this manager", and a file
 * of another manager is on a trajectory outside their scope altogether. Without this, a manager
 * could withdraw the HR advisor's or the employee's evidence, which may be what speaks against the
 * manager's own account, or decide the fate of their upload: a confirm numbers it as an exhibit,
 * or deletes it with its announcement when what arrived does not fit.
 */
export const mayHandleFile = (file: Pick<EvidenceFile, 'addedBy'>, by: Role): boolean =>
  by === 'hr' || file.addedBy === by;

/** Files that count as exhibits (stored, not removed), by number. */
export function exhibits(files: readonly EvidenceFile[]): EvidenceFile[] {
  return files
    .filter((file) => file.status === 'stored' && file.exhibit !== undefined)
    .sort((a, b) => (a.exhibit ?? 0) - (b.exhibit ?? 0));
}

export const FILE_ATTACHED_EVENT = 'file-attached';
export const FILE_REMOVED_EVENT = 'file-removed';

/** The dossier's entry for a stored file: what it is and its fingerprint, never its content. */
export function fileAttachedEvent(file: EvidenceFile): DossierEvent {
  return {
    id: `${FILE_ATTACHED_EVENT}#${file.id}`,
    trajectoryId: file.trajectoryId,
    at: file.storedAt ?? file.createdAt,
    type: FILE_ATTACHED_EVENT,
    actor: { role: file.addedBy },
    taskId: file.taskId,
    data: {
      fileId: file.id,
      exhibit: file.exhibit,
      title: file.title,
      date: file.date,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
    },
  };
}

export function fileRemovedEvent(file: EvidenceFile, by: Role, reason: string): DossierEvent {
  return {
    id: `${FILE_REMOVED_EVENT}#${file.id}`,
    trajectoryId: file.trajectoryId,
    at: file.removedAt ?? file.createdAt,
    type: FILE_REMOVED_EVENT,
    actor: { role: by },
    taskId: file.taskId,
    data: { fileId: file.id, exhibit: file.exhibit, title: file.title, reason },
  };
}
