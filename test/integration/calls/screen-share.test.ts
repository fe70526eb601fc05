import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAll, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
let aliceTab: WsClient, bobTab: WsClient, carolTab: WsClient, daveTab: WsClient;
beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
  [aliceTab, bobTab, carolTab, daveTab] = await connectAll(alice, bob, carol, dave);
});
afterEach(async () => {
  await server.close();
});

const shareIn = (conversationId: number, where: (viewers: number[]) => boolean = () => true) =>
  event('share.updated', (e) => e.share.conversationId === conversationId && where(e.share.viewerIds));
const errorFrame = (code: string) => event('error', (e) => e.code === code);

describe('standalone screen sharing', () => {
  it('announces the share to members; viewers watch and signal only with the sharer; only the sharer stops it', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol']);
    aliceTab.send({ type: 'share.start', conversationId: ops.id });
    const { share } = await bobTab.waitFor(shareIn(ops.id));
    expect(share).toMatchObject({ sharerId: alice.id, viewerIds: [] });

    bobTab.send({ type: 'share.watch', shareId: share.id });
    carolTab.send({ type: 'share.watch', shareId: share.id });
    await aliceTab.waitFor(shareIn(ops.id, (v) => v.length === 2));

    const description = { type: 'offer' as const, sdp: 'v=0\r\n' };
    bobTab.send({ type: 'signal', callId: share.id, to: alice.id, description });
    expect(await aliceTab.waitFor(event('signal'))).toEqual({ type: 'signal', callId: share.id, from: bob.id, description });
    aliceTab.send({ type: 'signal', callId: share.id, to: bob.id, candidate: null });
    await bobTab.waitFor(event('signal', (e) => e.from === alice.id));
    // Viewers do not reach each other.
    bobTab.send({ type: 'signal', callId: share.id, to: carol.id, description });
    await bobTab.waitFor(errorFrame('NOT_FOUND'));
    // Non-members learn nothing and cannot watch.
    daveTab.send({ type: 'share.watch', shareId: share.id });
    await daveTab.waitFor(errorFrame('NOT_FOUND'));
    daveTab.expectNone(event('share.updated'));
    // Only the sharer stops it.
    bobTab.send({ type: 'share.stop', shareId: share.id });
    await bobTab.waitFor(errorFrame('FORBIDDEN'));
    const marker = await alice.send(ops.id, 'marker');
    await carolTab.expectNothingBefore(event('signal'), created(marker.id));

    bobTab.send({ type: 'share.unwatch', shareId: share.id });
    await aliceTab.waitFor(shareIn(ops.id, (v) => v.length === 1 && v[0] === carol.id));
    aliceTab.send({ type: 'share.stop', shareId: share.id });
    await carolTab.waitFor(event('share.ended', (e) => e.shareId === share.id));
  });

  it('is refused in public channels; ends when the sharer’s tab closes', async () => {
    const general = await alice.channel('general');
    aliceTab.send({ type: 'share.start', conversationId: general.id });
    await aliceTab.waitFor(errorFrame('CALLS_NOT_ALLOWED'));

    const { conversation: dm } = await alice.openDm(['bob']);
    aliceTab.send({ type: 'share.start', conversationId: dm.id });
    const { share } = await bobTab.waitFor(shareIn(dm.id));
    await aliceTab.terminate();
    await bobTab.waitFor(event('share.ended', (e) => e.shareId === share.id));
  });
});
