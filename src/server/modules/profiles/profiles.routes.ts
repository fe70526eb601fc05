import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AVATAR_MAX_BYTES, SetColourRequest } from '../../../shared/protocol/profiles.js';
import { requireSession } from '../../http/session-auth.js';
import { AppError } from '../../lib/app-error.js';
import type { ProfileService } from './profiles.service.js';

const AvatarParams = Type.Object({
  userId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  version: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

const AVATAR_UPLOADS_PER_MINUTE = 30;

// A year: the version is part of the address, so the bytes behind one address never change.
const IMMUTABLE = 'private, max-age=31536000, immutable';

export const profileRoutes: FastifyPluginAsyncTypebox<{ profiles: ProfileService }> = async (app, { profiles }) => {
  await app.register(async (upload) => {
    // Any Content-Type is read as bytes: what the image is gets decided by its content (avatar-image.ts).
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_request, body, done) => done(null, body));
    const config = {
      // Decoding a picture costs real CPU time: a script must not keep the server busy with it.
      rateLimit: {
        max: AVATAR_UPLOADS_PER_MINUTE,
        timeWindow: 60_000,
        errorResponseBuilder: (_req: unknown, context: { after: string }) =>
          new AppError('RATE_LIMITED', `Too many pictures uploaded. Try again in ${context.after}.`),
      },
    };
    upload.put('/api/account/avatar', { bodyLimit: AVATAR_MAX_BYTES, config }, async (request) => {
      const { user } = requireSession(request);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image itself as the request body (JPEG, PNG or WebP).');
      }
      return { user: await profiles.setAvatar(user.id, request.body) };
    });
  });

  app.delete('/api/account/avatar', async (request) => {
    const { user } = requireSession(request);
    return { user: await profiles.removeAvatar(user.id) };
  });

  app.put('/api/account/colour', { schema: { body: SetColourRequest } }, async (request) => {
    const { user } = requireSession(request);
    return { user: await profiles.setColour(user.id, request.body.colour) };
  });

  app.get('/api/avatars/:userId/:version', { schema: { params: AvatarParams } }, async (request, reply) => {
    requireSession(request);
    const picture = await profiles.readAvatar(request.params.userId, request.params.version);
    if (!picture) throw new AppError('NOT_FOUND', 'No such picture.');
    return reply.header('cache-control', IMMUTABLE).type('image/webp').send(picture);
  });
};
