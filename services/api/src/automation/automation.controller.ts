import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AutomationRuleDto,
  type AutomationRunDto,
  type AutomationSettingsDto as AutomationSettings,
  type BusinessHoursDto as BusinessHours,
  type Page,
} from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { AutomationService } from './automation.service';
import {
  AutomationRuleIdParamDto,
  AutomationSettingsDto,
  BusinessHoursDto,
  CreateAutomationRuleDto,
  ListAutomationRunsQueryDto,
  UpdateAutomationRuleDto,
} from './dto/automation.dto';

/**
 * Rules write to customers on the workspace's behalf, so only admins configure them. Any member may read the run log
 * (why a customer got an answer) and the business hours (whether the team is expected at work).
 */
@ApiTags('automation')
@ApiBearerAuth()
@Controller('automation')
export class AutomationController {
  constructor(private readonly automation: AutomationService) {}

  @Get('rules')
  @Roles('admin')
  listRules(@CurrentTenant() principal: Principal): Promise<Page<AutomationRuleDto>> {
    return this.automation.listRules(principal);
  }

  @Post('rules')
  @Roles('admin')
  createRule(@CurrentTenant() principal: Principal, @Body() body: CreateAutomationRuleDto): Promise<AutomationRuleDto> {
    return this.automation.createRule(principal, body);
  }

  @Get('rules/:id')
  @Roles('admin')
  findRule(
    @CurrentTenant() principal: Principal,
    @Param() params: AutomationRuleIdParamDto,
  ): Promise<AutomationRuleDto> {
    return this.automation.findRule(principal, params.id);
  }

  @Patch('rules/:id')
  @Roles('admin')
  updateRule(
    @CurrentTenant() principal: Principal,
    @Param() params: AutomationRuleIdParamDto,
    @Body() body: UpdateAutomationRuleDto,
  ): Promise<AutomationRuleDto> {
    return this.automation.updateRule(principal, params.id, body);
  }

  @Delete('rules/:id')
  @Roles('admin')
  @HttpCode(204)
  removeRule(@CurrentTenant() principal: Principal, @Param() params: AutomationRuleIdParamDto): Promise<void> {
    return this.automation.removeRule(principal, params.id);
  }

  @Get('business-hours')
  businessHours(@CurrentTenant() principal: Principal): Promise<BusinessHours> {
    return this.automation.businessHours(principal);
  }

  @Put('business-hours')
  @Roles('admin')
  setBusinessHours(@CurrentTenant() principal: Principal, @Body() body: BusinessHoursDto): Promise<BusinessHours> {
    return this.automation.setBusinessHours(principal, body);
  }

  @Get('settings')
  @Roles('admin')
  settings(@CurrentTenant() principal: Principal): Promise<AutomationSettings> {
    return this.automation.settings(principal);
  }

  @Put('settings')
  @Roles('admin')
  setSettings(@CurrentTenant() principal: Principal, @Body() body: AutomationSettingsDto): Promise<AutomationSettings> {
    return this.automation.setSettings(principal, body);
  }

  /** `?ruleId=` or `?conversationId=`; newest first, `?limit=&cursor=`. */
  @Get('runs')
  listRuns(
    @CurrentTenant() principal: Principal,
    @Query() query: ListAutomationRunsQueryDto,
  ): Promise<Page<AutomationRunDto>> {
    return this.automation.listRuns(principal, query);
  }
}
