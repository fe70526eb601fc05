// Server events about calls → call state. Signals go straight to this tab's media session.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { putShare, receiveShareSignal, removeShare, resetShares } from './share-state.js';
import { putCall, receiveSignal, refuseIfPending, removeCall, resetCalls } from './state.js';

export function handleCallEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      resetCalls();
      resetShares();
      break;
    case 'share.updated':
      putShare(event.share);
      break;
    case 'share.ended':
      removeShare(event.shareId);
      break;
    case 'call.updated':
      putCall(event.call);
      break;
    case 'call.ended':
      removeCall(event.conversationId, event.callId);
      break;
    case 'signal': {
      const signal: { description?: typeof event.description; candidate?: typeof event.candidate } = {};
      if (event.description) signal.description = event.description;
      if (event.candidate !== undefined) signal.candidate = event.candidate;
      if (!receiveShareSignal(event.callId, event.from, signal)) receiveSignal(event.callId, event.from, signal);
      break;
    }
    case 'error':
      refuseIfPending(event.message);
      break;
  }
}
