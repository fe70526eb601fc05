import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConversationIdParams } from '../../../shared/protocol/conversations.js';
import { FileIdParams, MAX_ATTACHMENTS, TextPreview, UploadLimits, UploadResult } from '../../../shared/protocol/uploads.js';
import { actorOf } from '../../http/actor.js';
import { drainBody } from '../../http/drain-body.js';
import { perPersonRateLimit } from '../../http/per-person-rate-limit.js';
import { AppError } from '../../lib/app-error.js';
import { contentDisposition } from './file-name.js';
import type { IncomingFile, UploadService } from './uploads.service.js';
import type { UploadRecord } from './uploads.store.js';

// Bytes, not contents, are what identifies a file, and ids are never reused: a browser may keep what it fetched,
// but only for this person (private) and not for long, since a deleted message's files must stop being shown.
const CACHE = 'private, max-age=3600';

// How much of a refused upload is read and thrown away before answering: all of what could have been accepted
// (the multipart framing on top), for no longer than a slow client should hold a connection.
const DRAIN_SLACK_BYTES = 64 * 1024;
const DRAIN_MAX_MS = 10_000;

/** busboy's and the plugin's refusals, in our words. */
function multipartError(err: unknown): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send files as multipart/form-data.');
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_ATTACHMENTS} files can be uploaded at once.`);
  }
  // A full disk or a failing database keeps its own answer (503); a malformed or cut-off body is the client's.
  if (/^(E[A-Z]+$|SQLITE_)/.test(code)) return err;
  return new AppError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body.');
}

/** The file parts of the request, one at a time; any other field is refused. */
async function* fileParts(request: FastifyRequest, maxBytes: number): AsyncGenerator<IncomingFile> {
  const parts = request.parts({
    limits: { fileSize: maxBytes, files: MAX_ATTACHMENTS, parts: MAX_ATTACHMENTS, fields: 0, fieldNameSize: 100, headerPairs: 20 },
  });
  for await (const part of parts) {
    if (part.type !== 'file') throw new AppError('BAD_REQUEST', 'Send only files in an upload.');
    yield { filename: part.filename, stream: part.file };
  }
}

function sendFile(reply: FastifyReply, file: { upload: UploadRecord; body: Buffer; size: number }, type: string, inline: boolean) {
  return reply
    .type(type)
    .header('content-length', file.size)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.upload.name))
    .header('cache-control', CACHE)
    .send(file.body);
}

export const uploadRoutes: FastifyPluginAsyncTypebox<{ uploads: UploadService; perMinute: number }> = async (app, { uploads, perMinute }) => {
  // Registered here only, so no other route accepts multipart bodies. Limits are given per request below.
  // A file over the limit is cut short and marked truncated; the service refuses it with our own 413.
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });

  app.get('/api/uploads/limits', { schema: { response: { 200: UploadLimits } } }, async (request) => {
    actorOf(request);
    return { maxUploadBytes: uploads.maxUploadBytes(), maxAttachments: MAX_ATTACHMENTS };
  });

  // Each upload is written to disk before it can be judged, so how often one person may start one is bounded: past
  // the limit the body is thrown away unread, and nobody else's disk writes (or commits) wait behind it.
  const rateLimit = perPersonRateLimit('upload', perMinute, 'You are uploading too fast.');
  app.post('/api/conversations/:id/uploads', { schema: { params: ConversationIdParams, response: { 201: UploadResult } }, config: { rateLimit } }, async (request, reply) => {
    const actor = actorOf(request);
    // An upload refused or finished before its last bytes were read leaves the connection half-used; closing it
    // after the answer keeps it from lingering (and from holding a shutdown open).
    reply.header('connection', 'close');
    try {
      const kept = await uploads.upload(actor, request.params.id, fileParts(request, uploads.maxUploadBytes()));
      return await reply.code(201).send({ uploads: kept });
    } catch (err) {
      // Refused before the whole body arrived (a non-member, a full disk): let the client finish sending first, or
      // it may meet a reset instead of the answer.
      await drainBody(request.raw, { maxBytes: uploads.maxUploadBytes() * MAX_ATTACHMENTS + DRAIN_SLACK_BYTES, maxMs: DRAIN_MAX_MS });
      throw multipartError(err);
    } finally {
      // The parser stops reading at the closing boundary (or at a refusal); bytes after it (a final CRLF, the
      // last chunk marker) would stay unread, and the connection would never become idle, holding a shutdown.
      request.raw.resume();
    }
  });

  app.get('/api/files/:id', { schema: { params: FileIdParams } }, async (request, reply) => {
    const file = await uploads.openFile(actorOf(request), request.params.id);
    // Only sniffed, re-encoded JPEG/PNG/GIF/WebP are shown in the page; everything else (HTML, SVG, text…) is a
    // download, which nosniff (set on every answer) keeps from being reinterpreted.
    if (file.upload.kind === 'image') return sendFile(reply, file, file.upload.mime, true);
    const type = file.upload.mime === 'text/plain' ? 'text/plain; charset=utf-8' : file.upload.mime;
    return sendFile(reply, file, type, false);
  });

  app.get('/api/files/:id/thumbnail', { schema: { params: FileIdParams } }, async (request, reply) => {
    const file = await uploads.openThumbnail(actorOf(request), request.params.id);
    return sendFile(reply, file, 'image/webp', true);
  });

  app.get('/api/files/:id/preview', { schema: { params: FileIdParams, response: { 200: TextPreview } } }, async (request, reply) => {
    const preview = await uploads.textPreview(actorOf(request), request.params.id);
    return reply.header('cache-control', CACHE).send(preview);
  });
};
