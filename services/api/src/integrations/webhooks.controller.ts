import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CreatedWebhookEndpointDto, type WebhookDeliveryDto, type WebhookEndpointDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryParamDto,
  WebhookEndpointIdParamDto,
} from './dto/integrations.dto';
import { WebhooksService } from './webhooks.service';

/** Endpoints receive the workspace's customer data and hold a signing secret, so only admins manage them. */
@ApiTags('integrations')
@ApiBearerAuth()
@Controller('integrations/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles('admin')
  create(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointDto> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  @Roles('admin')
  list(@CurrentTenant() principal: Principal): Promise<WebhookEndpointDto[]> {
    return this.webhooks.list(principal);
  }

  @Patch(':id')
  @Roles('admin')
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: WebhookEndpointIdParamDto,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(principal, params.id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@CurrentTenant() principal: Principal, @Param() params: WebhookEndpointIdParamDto): Promise<void> {
    return this.webhooks.remove(principal, params.id);
  }

  @Get(':id/deliveries')
  @Roles('admin')
  deliveries(
    @CurrentTenant() principal: Principal,
    @Param() params: WebhookEndpointIdParamDto,
  ): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(principal, params.id);
  }

  @Post(':id/test')
  @Roles('admin')
  @HttpCode(202)
  test(@CurrentTenant() principal: Principal, @Param() params: WebhookEndpointIdParamDto): Promise<WebhookDeliveryDto> {
    return this.webhooks.sendTest(principal, params.id);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @Roles('admin')
  @HttpCode(202)
  retry(@CurrentTenant() principal: Principal, @Param() params: WebhookDeliveryParamDto): Promise<WebhookDeliveryDto> {
    return this.webhooks.retry(principal, params.id, params.deliveryId);
  }
}
