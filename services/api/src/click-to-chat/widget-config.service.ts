import { Injectable } from '@nestjs/common';
import { DEFAULT_WIDGET_SETTINGS, type WidgetConfigDto } from '@aerostic/shared';
import { NotFoundError } from '../common/http/domain-error';
import { ClickToChatService } from './click-to-chat.service';

/** The public side of a widget: its link and looks, and nothing of the tenant behind it. */
@Injectable()
export class WidgetConfigService {
  constructor(private readonly clickToChat: ClickToChatService) {}

  async config(ref: string): Promise<WidgetConfigDto> {
    const entry = await this.clickToChat.widgetByRef(ref);
    if (!entry) throw new NotFoundError('Widget');
    const { greeting, position, color } = entry.widget ?? DEFAULT_WIDGET_SETTINGS;
    return { url: entry.url, greeting, position, color };
  }
}
