import sharp from 'sharp';
import type { Message } from '../../../src/shared/protocol/messages.js';
import type { Attachment } from '../../../src/shared/protocol/uploads.js';
import { expectStatus, newClientId, type ChatUser } from '../../support/chat-user.js';

export interface FilePart {
  name: string;
  bytes: Uint8Array;
  /** The type the client claims; the server ignores it. */
  type?: string;
}

/** POSTs files as a browser's FormData would. */
export function uploadRequest(user: ChatUser, conversationId: number, files: readonly FilePart[]): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return user.http.request('POST', `/api/conversations/${conversationId}/uploads`, { rawBody: form });
}

export async function upload(user: ChatUser, conversationId: number, file: FilePart): Promise<Attachment> {
  const { uploads } = await expectStatus<{ uploads: Attachment[] }>(await uploadRequest(user, conversationId, [file]), 201);
  return uploads[0] as Attachment;
}

export function sendWithFiles(user: ChatUser, conversationId: number, attachmentIds: string[], text = ''): Promise<Response> {
  return user.http.post(`/api/conversations/${conversationId}/messages`, { clientId: newClientId(), text, attachmentIds });
}

export async function sendFiles(user: ChatUser, conversationId: number, attachmentIds: string[], text = ''): Promise<Message> {
  return (await expectStatus<{ message: Message }>(await sendWithFiles(user, conversationId, attachmentIds, text), 201)).message;
}

export async function download(user: ChatUser, path: string): Promise<{ response: Response; bytes: Buffer }> {
  const response = await user.http.get(path);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

export function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
}

/** A JPEG whose EXIF says "rotate 90° clockwise" and names a camera and a place. */
export function jpegWithExif(width = 120, height = 80): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'SecretCam', Model: 'Spy 3000', Copyright: 'GPS 48.8584N 2.2945E' } } })
    .toBuffer();
}

/** The status of a GET, with its body read so that no connection stays busy. */
export async function statusOf(user: ChatUser, path: string): Promise<number> {
  const response = await user.http.get(path);
  await response.arrayBuffer();
  return response.status;
}
