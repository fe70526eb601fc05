// Uploads go through XMLHttpRequest, the one browser API that reports upload progress; everything else about
// them (CSRF header, error shape, schema check of the answer) matches http.ts.
import { Value } from 'typebox/value';
import { CSRF_HEADER } from '../../shared/protocol/auth.js';
import { TextPreview, UploadLimits, UploadResult, type Attachment } from '../../shared/protocol/uploads.js';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api-error.js';
import { currentCsrfToken, errorFrom, request } from './http.js';

export interface UploadHandle {
  done: Promise<Attachment>;
  abort(): void;
}

/** Sends one file; `onProgress` gets the fraction sent (0…1) as it goes. */
export function uploadFile(conversationId: number, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `/api/conversations/${conversationId}/uploads`);
    xhr.setRequestHeader(CSRF_HEADER, currentCsrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      // The same reading of the answer as fetch's, so errors look alike wherever they come from.
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (!response.ok) {
        void errorFrom(response).then(reject);
        return;
      }
      void response.json().then(
        (payload: unknown) => {
          const first = Value.Check(UploadResult, payload) ? payload.uploads[0] : undefined;
          if (first) resolve(first);
          else reject(new ApiError(xhr.status, UNEXPECTED_RESPONSE, 'The server sent an answer this page does not understand. Try reloading.'));
        },
        () => reject(new ApiError(xhr.status, UNEXPECTED_RESPONSE, 'The server sent an answer this page does not understand. Try reloading.')),
      );
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.')));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

export const uploadsApi = {
  limits: () => request('GET', '/api/uploads/limits', undefined, UploadLimits),
  textPreview: (fileId: string) => request('GET', `/api/files/${encodeURIComponent(fileId)}/preview`, undefined, TextPreview),
};

export const fileUrl = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}`;
export const thumbnailUrl = (fileId: string) => `${fileUrl(fileId)}/thumbnail`;
