// The open conversation's title in the top bar: its name, member count, and what can be done with it (private
// channels: rename, add people, leave; DMs: close).
import { useSignal } from '@preact/signals';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { Icon, type IconName } from '../../ui/icons.js';
import { errorMessage } from '../auth/error-message.js';
import { CallButton, ShareScreenButton } from '../calls/call-button.js';
import { MuteButton } from '../notifications/notification-parts.js';
import { PinsButton } from '../pins/pin-parts.js';
import { AddPeopleDialog, LeaveChannelDialog, RenameChannelDialog } from './channel-dialogs.js';
import { isSystemConversation, memberCount } from './model.js';
import { closeConversation, nameOf, users } from './state.js';

export function ConversationHeader({ conversation }: { conversation: Conversation }) {
  const dialog = useSignal<'rename' | 'add' | 'leave' | null>(null);
  const error = useSignal<string | null>(null);
  const members = memberCount(conversation, users.value);
  const icon: IconName = conversation.kind === 'public' ? 'hash' : conversation.kind === 'private' ? 'lock' : 'chat';
  const closeDialog = () => (dialog.value = null);

  return (
    <div class="conversation-header">
      <div class="conversation-title">
        <Icon name={icon} class="conversation-title-icon" />
        <h1 class="topbar-title">{nameOf(conversation)}</h1>
        {!isSystemConversation(conversation) && (
          <span class="member-count" title={`${members} ${members === 1 ? 'member' : 'members'}`}>
            <Icon name="people" />
            {members}
            <span class="visually-hidden"> {members === 1 ? 'member' : 'members'}</span>
          </span>
        )}
      </div>
      {error.value && (
        <p role="alert" class="topbar-error">
          {error.value}
        </p>
      )}
      <div class="conversation-actions">
        <CallButton conversation={conversation} />
        <ShareScreenButton conversation={conversation} />
        <PinsButton conversation={conversation} />
        <MuteButton conversation={conversation} />
        {conversation.kind === 'private' && (
          <>
            <HeaderAction icon="rename" label="Rename channel" onClick={() => (dialog.value = 'rename')} />
            <HeaderAction icon="personAdd" label="Add people" onClick={() => (dialog.value = 'add')} />
            <HeaderAction icon="leave" label="Leave channel" onClick={() => (dialog.value = 'leave')} />
          </>
        )}
        {conversation.kind === 'dm' && (
          <HeaderAction
            icon="close"
            label="Close conversation"
            onClick={async () => {
              error.value = null;
              try {
                await closeConversation(conversation.id);
              } catch (failure) {
                error.value = errorMessage(failure);
              }
            }}
          />
        )}
      </div>
      {dialog.value === 'rename' && <RenameChannelDialog conversation={conversation} onClose={closeDialog} />}
      {dialog.value === 'add' && <AddPeopleDialog conversation={conversation} onClose={closeDialog} />}
      {dialog.value === 'leave' && <LeaveChannelDialog conversation={conversation} onClose={closeDialog} />}
    </div>
  );
}

function HeaderAction({ icon, label, onClick }: { icon: IconName; label: string; onClick: () => void }) {
  return (
    <button type="button" class="icon-button" aria-label={label} title={label} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}
