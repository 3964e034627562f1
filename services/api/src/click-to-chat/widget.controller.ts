import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type WidgetConfigDto } from '@aerostic/shared';
import { Public } from '../auth/public.decorator';
import { WidgetConfigService } from './widget-config.service';
import { WidgetRefParamDto } from './dto/click-to-chat.dto';
import { widgetScript } from './widget-script';
import { CrossTenant } from '../common/tenant-context/cross-tenant.decorator';

/**
 * What any website embedding the widget loads: no auth, readable from every origin (CORS `*`, and a resource
 * policy that lets other sites run the script), cached by browsers and CDNs (docs/adr/0152).
 */
@ApiTags('click-to-chat')
@Public()
@CrossTenant('public-lookup')
@Controller('click-to-chat')
export class WidgetController {
  constructor(private readonly widgets: WidgetConfigService) {}

  @Get('widget.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  script(): string {
    return widgetScript();
  }

  /** Short-lived in caches: a change in the dashboard shows on the sites within a minute. */
  @Get('widgets/:ref')
  @Header('Cache-Control', 'public, max-age=60')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  config(@Param() params: WidgetRefParamDto): Promise<WidgetConfigDto> {
    return this.widgets.config(params.ref);
  }
}
