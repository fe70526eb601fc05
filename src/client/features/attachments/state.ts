// Files waiting in each conversation's composer. Each starts uploading as soon as it is added (so its progress
// shows while the message is written); sending waits for them and passes their ids with the message.
import { signal } from '@preact/signals';
import type { Attachment, UploadLimits } from '../../../shared/protocol/uploads.js';
import { uploadFile, uploadsApi, type UploadHandle } from '../../api/uploads.js';
import { errorMessage } from '../auth/error-message.js';
import { isPreviewableImage, refusal } from './files.js';

export interface PendingFile {
  key: string;
  file: File;
  /** An object URL for an image's preview in the composer; revoked when the file leaves it. */
  previewUrl: string | null;
  progress: number;
  uploaded: Attachment | null;
  error: string | null;
}

export const pendingFiles = signal<ReadonlyMap<number, readonly PendingFile[]>>(new Map());
/** Why the last files could not be added (too large, too many), per conversation. */
export const fileNotices = signal<ReadonlyMap<number, string>>(new Map());

const handles = new Map<string, UploadHandle & { conversationId: number }>();
let counter = 0;
let limits: Promise<UploadLimits> | null = null;

function limitsNow(): Promise<UploadLimits> {
  limits ??= uploadsApi.limits().catch((error: unknown) => {
    limits = null;
    throw error;
  });
  return limits;
}

export function filesOf(conversationId: number): readonly PendingFile[] {
  return pendingFiles.value.get(conversationId) ?? [];
}

function setFiles(conversationId: number, files: readonly PendingFile[]): void {
  const next = new Map(pendingFiles.value);
  if (files.length === 0) next.delete(conversationId);
  else next.set(conversationId, files);
  pendingFiles.value = next;
}

function update(conversationId: number, key: string, change: Partial<PendingFile>): void {
  setFiles(
    conversationId,
    filesOf(conversationId).map((f) => (f.key === key ? { ...f, ...change } : f)),
  );
}

export function setFileNotice(conversationId: number, notice: string | null): void {
  const next = new Map(fileNotices.value);
  if (notice === null) next.delete(conversationId);
  else next.set(conversationId, notice);
  fileNotices.value = next;
}

function start(conversationId: number, pending: PendingFile): void {
  const handle = uploadFile(conversationId, pending.file, (progress) => update(conversationId, pending.key, { progress }));
  handles.set(pending.key, { ...handle, conversationId });
  handle.done.then(
    (uploaded) => update(conversationId, pending.key, { uploaded, progress: 1, error: null }),
    (error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      update(conversationId, pending.key, { error: errorMessage(error) });
    },
  );
}

/** From the paperclip, a drop or a paste. Files over the size limit (or one too many) are refused here, at once. */
export async function addFiles(conversationId: number, files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  let known: UploadLimits;
  try {
    known = await limitsNow();
  } catch (error) {
    setFileNotice(conversationId, errorMessage(error));
    return;
  }
  const problem = refusal(files, filesOf(conversationId).length, known);
  setFileNotice(conversationId, problem);
  if (problem) return;
  const added = files.map((file) => ({
    key: `file-${++counter}`,
    file,
    previewUrl: isPreviewableImage(file.type) ? URL.createObjectURL(file) : null,
    progress: 0,
    uploaded: null,
    error: null,
  }));
  setFiles(conversationId, [...filesOf(conversationId), ...added]);
  for (const pending of added) start(conversationId, pending);
}

export function removeFile(conversationId: number, key: string): void {
  const pending = filesOf(conversationId).find((f) => f.key === key);
  handles.get(key)?.abort();
  handles.delete(key);
  if (pending?.previewUrl) URL.revokeObjectURL(pending.previewUrl);
  setFiles(
    conversationId,
    filesOf(conversationId).filter((f) => f.key !== key),
  );
  if (filesOf(conversationId).length === 0) setFileNotice(conversationId, null);
}

/** Starts again the uploads that failed (the person pressed Send again). */
function retryFailed(conversationId: number): void {
  for (const pending of filesOf(conversationId)) {
    if (pending.error === null) continue;
    update(conversationId, pending.key, { error: null, progress: 0 });
    start(conversationId, pending);
  }
}

/**
 * The uploaded ids of the composer's files, once every upload finished. Rejects with the first failure (the
 * files stay in the composer, marked, for another try).
 */
export async function uploadedIds(conversationId: number): Promise<{ ids: string[]; keys: string[] }> {
  retryFailed(conversationId);
  const files = filesOf(conversationId);
  await Promise.allSettled(files.map((f) => handles.get(f.key)?.done));
  const now = filesOf(conversationId).filter((f) => files.some((g) => g.key === f.key));
  const failed = now.find((f) => f.uploaded === null);
  if (failed) throw new Error(failed.error ?? `"${failed.file.name}" could not be uploaded.`);
  return { ids: now.map((f) => (f.uploaded as Attachment).id), keys: now.map((f) => f.key) };
}

/** Takes these files out of the composer as the message goes; `restore` puts them back if it fails. */
export function takeFiles(conversationId: number, keys: readonly string[]): { restore(): void; release(): void } {
  const taken = filesOf(conversationId).filter((f) => keys.includes(f.key));
  if (taken.length > 0) {
    setFiles(
      conversationId,
      filesOf(conversationId).filter((f) => !keys.includes(f.key)),
    );
    setFileNotice(conversationId, null);
  }
  return {
    restore: () => setFiles(conversationId, [...taken, ...filesOf(conversationId)]),
    release: () => {
      for (const f of taken) {
        handles.delete(f.key);
        if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
      }
    },
  };
}

/** On sign-out: nothing chosen by one person may stay for the next. */
export function clearAttachments(): void {
  for (const handle of handles.values()) handle.abort();
  handles.clear();
  for (const files of pendingFiles.value.values()) for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
  pendingFiles.value = new Map();
  fileNotices.value = new Map();
  limits = null;
}
