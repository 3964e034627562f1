import { TEMPLATE_HEADER_SAMPLES, type TemplateMediaHeaderFormat } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';
import { readableSize } from '../media/media.errors';

export class TemplateExistsError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields: Record<string, string>;

  constructor(name: string, language: string) {
    const message = `A template named "${name}" in ${language} already exists in this WhatsApp Business Account`;
    super(`${message}: choose another name, or another language`);
    this.fields = { name: message };
  }
}

/** The body names a number that is not the tenant's, or no longer connected. */
export class TemplateAccountNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly fields = {
    whatsappAccountId: 'No connected WhatsApp number of this workspace has this id',
  };

  constructor() {
    super('WhatsApp number not found: choose one of the connected numbers');
  }
}

/** Templates live at Meta: without a connected number of their business account, Aerostic cannot reach them. */
export class TemplateAccountDisconnectedError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super(
      'No connected WhatsApp number uses this template’s business account any more: connect one of its numbers again to manage its templates',
    );
  }
}

export class NoConnectedNumberError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super('Connect a WhatsApp number first: templates belong to the business account of a connected number');
  }
}

const SAMPLE_KINDS =
  'a JPEG or PNG image (image header), an MP4 video (video header) or a PDF document (document header)';

const HEADER_NAMES: Record<TemplateMediaHeaderFormat, string> = {
  IMAGE: 'an image header',
  VIDEO: 'a video header',
  DOCUMENT: 'a document header',
};

/** A header sample of a type no media header takes, or not the kind the chosen header needs. */
export class HeaderSampleTypeError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(fileType: string, format: TemplateMediaHeaderFormat | undefined) {
    const what = fileType ? `this file is ${fileType}` : 'the type of this file is unknown';
    const message =
      format === undefined
        ? `A header sample must be ${SAMPLE_KINDS}; ${what}`
        : `The sample of ${HEADER_NAMES[format]} must be ${TEMPLATE_HEADER_SAMPLES[format].label}; ${what}`;
    super(message);
    this.fields = { file: message };
  }
}

export class HeaderSampleTooLargeError extends DomainError {
  readonly kind = 'too_large';
  override readonly fields: Record<string, string>;

  constructor(format: TemplateMediaHeaderFormat) {
    const { label, maxBytes } = TEMPLATE_HEADER_SAMPLES[format];
    const message = `The file is too large: the sample of ${HEADER_NAMES[format]} is ${label} of at most ${readableSize(maxBytes)}`;
    super(message);
    this.fields = { file: message };
  }
}
