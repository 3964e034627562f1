import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { MediaService } from './media.service';

@ApiTags('media')
@ApiBearerAuth()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /** The file of a media message, by message id, once it was downloaded from WhatsApp. */
  @Get(':id')
  async download(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<StreamableFile> {
    const file = await this.media.open(principal, params.id);
    return new StreamableFile(file.stream, { type: file.mimeType, length: file.size, disposition: 'inline' });
  }
}
