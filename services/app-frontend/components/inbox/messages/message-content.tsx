import type { ComponentType } from 'react';
import { AudioMessage } from './audio-message';
import { ButtonMessage } from './button-message';
import { ContactsMessage } from './contacts-message';
import { DocumentMessage } from './document-message';
import { ImageMessage } from './image-message';
import { InteractiveMessage } from './interactive-message';
import { LocationMessage } from './location-message';
import type { MessageRendererProps } from './message-types';
import { ReactionMessage } from './reaction-message';
import { StickerMessage } from './sticker-message';
import { SystemMessage } from './system-message';
import { TemplateMessage } from './template-message';
import { TextMessage } from './text-message';
import { UnknownMessage } from './unknown-message';
import { UnsupportedMessage } from './unsupported-message';
import { VideoMessage } from './video-message';

/** One renderer per WhatsApp message type; anything else falls back to a one-line summary. */
export const MESSAGE_RENDERERS: Record<string, ComponentType<MessageRendererProps>> = {
  text: TextMessage,
  image: ImageMessage,
  video: VideoMessage,
  audio: AudioMessage,
  document: DocumentMessage,
  sticker: StickerMessage,
  location: LocationMessage,
  contacts: ContactsMessage,
  interactive: InteractiveMessage,
  button: ButtonMessage,
  template: TemplateMessage,
  reaction: ReactionMessage,
  system: SystemMessage,
  unsupported: UnsupportedMessage,
};

export function MessageContent(props: MessageRendererProps) {
  const Renderer = Object.hasOwn(MESSAGE_RENDERERS, props.message.type)
    ? MESSAGE_RENDERERS[props.message.type]!
    : UnknownMessage;
  return <Renderer {...props} />;
}
