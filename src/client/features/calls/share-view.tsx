// Standalone screen shares: the sharer's "You are sharing your screen" bar, "alice is sharing their screen — Watch"
// for the open conversation, and the viewer's panel.
import type { ScreenShare } from '../../../shared/protocol/calls.js';
import { Button } from '../../ui/button.js';
import { usernameOf } from '../conversations/model.js';
import { me, openConversation, users } from '../conversations/state.js';
import { CallIcon } from './call-icons.js';
import { Video } from './video.js';
import { shares, sharing, stopSharing, stopWatching, watchShare, watching } from './share-state.js';

export function ShareViews() {
  const open = openConversation.value;
  const watched = watching.value;
  const offered: ScreenShare[] = open ? [...shares.value.values()].filter((s) => s.conversationId === open.id && s.sharerId !== me.value && s.id !== watched?.shareId) : [];
  return (
    <>
      {sharing.value && (
        <div class="call-banner is-sharing" role="status">
          <CallIcon name="screen" />
          <span>You are sharing your screen</span>
          <Button variant="danger" onClick={stopSharing}>
            Stop sharing
          </Button>
        </div>
      )}
      {offered.map((share) => (
        <div key={share.id} class="call-banner" role="status">
          <CallIcon name="screen" />
          <span>{usernameOf(users.value, share.sharerId)} is sharing their screen</span>
          <Button variant="secondary" onClick={() => watchShare(share)}>
            Watch
          </Button>
        </div>
      ))}
      {watched && (
        <section class="share-panel" aria-label="Screen share">
          <header class="call-panel-header">
            <span class="call-panel-title">{usernameOf(users.value, watched.sharerId)}'s screen</span>
            <Button variant="secondary" onClick={stopWatching}>
              Stop watching
            </Button>
          </header>
          {watched.stream ? <Video stream={watched.stream} /> : <p class="call-panel-status">Connecting…</p>}
        </section>
      )}
    </>
  );
}
