// Everything call-related outside the header: the incoming-call card, the "alice is on a call — Join" banner for
// the open conversation, and the in-call panel with its tiles and controls.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Call } from '../../../shared/protocol/calls.js';
import { Avatar } from '../../ui/avatar.js';
import { Button } from '../../ui/button.js';
import { usernameOf } from '../conversations/model.js';
import { conversations, me, nameOf, openConversation, users } from '../conversations/state.js';
import { AddPerson } from './add-person.js';
import { ShareViews } from './share-view.js';
import { Video } from './video.js';
import { CallIcon } from './call-icons.js';
import { onCallText, tileLayout } from './model.js';
import { setSoundOn, soundsEnabled } from './sounds.js';
import {
  acceptCall,
  activeCall,
  callError,
  calls,
  declineCall,
  incomingCall,
  joinedIds,
  leaveCall,
  session,
  startCallBackground,
  toggleCamera,
  toggleMute,
  toggleScreen,
} from './state.js';

export function CallLayer() {
  useEffect(() => startCallBackground(), []);
  const open = openConversation.value;
  const openCall = open ? calls.value.get(open.id) : undefined;
  const incoming = incomingCall.value;
  return (
    <>
      {incoming && <IncomingCall call={incoming} />}
      {callError.value && (
        <p role="alert" class="call-error">
          {callError.value}
          <button type="button" class="call-error-close" aria-label="Dismiss" onClick={() => (callError.value = null)}>
            ×
          </button>
        </p>
      )}
      <ShareViews />
      {activeCall.value ? <CallPanel call={activeCall.value} /> : openCall && openCall.id !== incoming?.id && <CallBanner call={openCall} />}
    </>
  );
}

function IncomingCall({ call }: { call: Call }) {
  const caller = usernameOf(users.value, call.startedBy);
  const conversation = conversations.value.get(call.conversationId);
  const where = conversation && conversation.kind !== 'dm' ? ` in ${nameOf(conversation)}` : '';
  return (
    <div class="call-incoming" role="alertdialog" aria-label={`Incoming call from ${caller}`} aria-describedby="call-incoming-text">
      <Avatar name={caller} userId={call.startedBy} size="lg" />
      <p id="call-incoming-text" class="call-incoming-text">
        <strong>{caller}</strong> is calling{where}…
      </p>
      <div class="call-incoming-actions">
        <Button variant="danger" onClick={() => declineCall(call)}>
          Decline
        </Button>
        <Button onClick={() => void acceptCall(call)}>Accept</Button>
      </div>
    </div>
  );
}

function CallBanner({ call }: { call: Call }) {
  const names = joinedIds(call).map((id) => usernameOf(users.value, id));
  return (
    <div class="call-banner" role="status">
      <CallIcon name="phone" />
      <span>{onCallText(names)}</span>
      <Button variant="secondary" onClick={() => void acceptCall(call)}>
        Join
      </Button>
    </div>
  );
}

function CallPanel({ call }: { call: Call }) {
  const current = session.value;
  const adding = useSignal(false);
  const conversation = conversations.value.get(call.conversationId);
  const people = [me.value, ...joinedIds(call).filter((id) => id !== me.value)];
  const ringing = call.participants.filter((p) => p.state === 'ringing').map((p) => usernameOf(users.value, p.userId));
  const muted = current?.muted.value ?? false;
  const sharing = current?.screenStream.value ?? null;
  const screens = sharedScreens(call, sharing);

  return (
    <section class={`call-panel${screens.length > 0 ? ' has-screens' : ''}`} aria-label="Call" data-call-id={call.id}>
      <header class="call-panel-header">
        <span class="call-panel-title">{conversation ? nameOf(conversation) : 'Call'}</span>
        <span class="call-panel-status">
          {call.state === 'ringing' ? `Ringing ${ringing.join(', ')}…` : ringing.length > 0 ? `Ringing ${ringing.join(', ')}` : people.length === 1 ? 'Waiting for others to join' : ''}
        </span>
        <button type="button" class="call-sound-toggle" aria-pressed={soundsEnabled.value} onClick={() => setSoundOn(!soundsEnabled.value)}>
          Sounds {soundsEnabled.value ? 'on' : 'off'}
        </button>
      </header>
      <div class="call-stage">
        {screens.length > 0 && (
          <ul class="call-screens" aria-label="Shared screens">
            {screens.map(({ userId, stream }) => (
              <li key={stream.id} class="call-screen" aria-label={`${usernameOf(users.value, userId)}'s screen`}>
                <Video stream={stream} />
              </li>
            ))}
          </ul>
        )}
        <ul class={`call-tiles is-${screens.length > 0 ? 'column' : tileLayout(people.length)}`} aria-label="Participants">
          {people.map((userId) => (
            <Tile key={userId} call={call} userId={userId} />
          ))}
        </ul>
      </div>
      <div class="call-controls">
        {current?.listenOnly.value ? (
          <span class="call-listen-only">No microphone: listening only</span>
        ) : (
          <button type="button" class={`call-control${muted ? ' is-off' : ''}`} aria-label={muted ? 'Unmute' : 'Mute'} title={muted ? 'Unmute' : 'Mute'} onClick={toggleMute}>
            <CallIcon name={muted ? 'micOff' : 'mic'} />
            <MicMeter />
          </button>
        )}
        <button
          type="button"
          class={`call-control${current?.camera.value ? ' is-on' : ''}`}
          aria-label="Camera"
          aria-pressed={current?.camera.value ?? false}
          title="Camera"
          onClick={() => void toggleCamera()}
        >
          <CallIcon name="video" />
        </button>
        <button
          type="button"
          class={`call-control${sharing ? ' is-on' : ''}`}
          aria-label="Share screen"
          aria-pressed={sharing !== null}
          title={sharing ? 'Stop sharing' : 'Share screen'}
          onClick={() => void toggleScreen()}
        >
          <CallIcon name="screen" />
        </button>
        <span class="call-add-anchor">
          <button type="button" class="call-control" aria-label="Add person" title="Add person" aria-expanded={adding.value} onClick={() => (adding.value = !adding.value)}>
            <CallIcon name="personAdd" />
          </button>
          {adding.value && <AddPerson call={call} onClose={() => (adding.value = false)} />}
        </span>
        <button type="button" class="call-control call-leave" aria-label="Leave call" title="Leave call" onClick={leaveCall}>
          <CallIcon name="hangUp" />
        </button>
      </div>
    </section>
  );
}

/** Everyone's shared screen that has arrived: mine from the session, the others' by the stream id they announced. */
function sharedScreens(call: Call, mine: MediaStream | null): { userId: number; stream: MediaStream }[] {
  const screens: { userId: number; stream: MediaStream }[] = [];
  if (mine) screens.push({ userId: me.value, stream: mine });
  const remotes = session.value?.remotes.value;
  for (const participant of call.participants) {
    if (participant.userId === me.value || participant.state !== 'joined' || !participant.media.screen) continue;
    const stream = participant.media.screenStreamId ? remotes?.get(participant.userId)?.streams.get(participant.media.screenStreamId) : undefined;
    if (stream && stream.getVideoTracks().length > 0) screens.push({ userId: participant.userId, stream });
  }
  return screens;
}

function Tile({ call, userId }: { call: Call; userId: number }) {
  const current = session.value;
  const name = usernameOf(users.value, userId);
  const isMe = userId === me.value;
  const remote = current?.remotes.value.get(userId);
  const participant = call.participants.find((p) => p.userId === userId);
  const stream = isMe ? (current?.localStream ?? null) : (remote?.stream ?? null);
  const cameraOn = isMe ? (current?.camera.value ?? false) : (participant?.media.camera ?? false);
  const showVideo = cameraOn && stream !== null && stream.getVideoTracks().length > 0;
  const speaking = current?.speaking.value.has(userId) ?? false;
  const connection = isMe ? 'connected' : (remote?.connection ?? 'new');
  const classes = ['call-tile', speaking ? 'is-speaking' : '', showVideo ? 'has-video' : ''].filter(Boolean).join(' ');
  return (
    <li class={classes} data-user-id={userId} data-connection={connection} aria-label={`${name}${isMe ? ' (you)' : ''}${participant?.media.muted ? ', muted' : ''}`}>
      {showVideo ? <Video stream={stream} /> : <Avatar name={name} userId={userId} size="lg" />}
      <span class="call-tile-name">
        {name}
        {isMe && ' (you)'}
        {participant?.media.muted && <CallIcon name="micOff" />}
        {!isMe && connection !== 'connected' && <span class="call-tile-note"> · {connection === 'failed' ? 'connection failed' : 'connecting…'}</span>}
      </span>
    </li>
  );
}

/** The live input level on the microphone button, drawn with a transform set from script (the CSP forbids inline styles). */
function MicMeter() {
  const bar = useRef<HTMLSpanElement>(null);
  const level = session.value?.micLevel.value ?? 0;
  useEffect(() => {
    bar.current?.style.setProperty('transform', `scaleX(${level.toFixed(2)})`);
  }, [level]);
  return (
    <span class="call-meter" aria-hidden="true">
      <span ref={bar} class="call-meter-level" />
    </span>
  );
}
