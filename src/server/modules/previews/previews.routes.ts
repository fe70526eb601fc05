import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MessageIdParams } from '../../../shared/protocol/messages.js';
import { PreviewImageParams } from '../../../shared/protocol/previews.js';
import { actorOf } from '../../http/actor.js';
import type { PreviewService } from './previews.service.js';

export const previewRoutes: FastifyPluginAsyncTypebox<{ previews: PreviewService }> = async (app, { previews }) => {
  app.delete('/api/messages/:id/previews', { schema: { params: MessageIdParams } }, async (request, reply) => {
    await previews.removePreviews(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  // Any signed-in person may load a preview image: it is a re-encoded copy of a picture the server fetched without
  // credentials from a link someone posted, shared by every message carrying that link, and its id is 128 random
  // bits that only reach people through a message they can see. Anonymous callers get nothing.
  app.get('/api/previews/:id/image', { schema: { params: PreviewImageParams } }, async (request, reply) => {
    actorOf(request);
    const image = await previews.readImage(request.params.id);
    return reply.type('image/webp').header('cache-control', 'private, max-age=86400, immutable').send(image);
  });
};
