import { DomainError } from '../common/http/domain-error';

/** Widget settings sent for a link or QR code. */
export class WidgetSettingsNotAllowedError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { widget: 'widget is only for entry points of kind widget' };

  constructor() {
    super('widget is only for entry points of kind widget');
  }
}
