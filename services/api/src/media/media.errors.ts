import { DomainError } from '../common/http/domain-error';

export class MediaNotAvailableError extends DomainError {
  readonly kind = 'not_found';

  constructor() {
    super('This media is not available: it was not downloaded from WhatsApp (yet), or was refused');
  }
}
