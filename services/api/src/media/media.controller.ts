import { Body, Controller, Get, Param, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type UploadedMediaDto } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { UploadMediaDto } from './dto/media.dto';
import { MediaUploadInterceptor } from './media-upload.interceptor';
import { MediaService } from './media.service';

@ApiTags('media')
@ApiBearerAuth()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /**
   * A file for a media message: uploaded to WhatsApp through the chosen number; answers Meta's media id, to send
   * as `{ type, [type]: { id } }` from that number. Any member may upload.
   */
  @Post()
  @UseInterceptors(MediaUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'whatsappAccountId'],
      properties: {
        file: { type: 'string', format: 'binary' },
        whatsappAccountId: { type: 'string', format: 'uuid' },
      },
    },
  })
  upload(
    @CurrentTenant() principal: Principal,
    @Body() body: UploadMediaDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<UploadedMediaDto> {
    return this.media.upload(principal, body, file);
  }

  /** The file of a media message, by message id, once it was downloaded from WhatsApp. */
  @Get(':id')
  async download(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<StreamableFile> {
    const file = await this.media.open(principal, params.id);
    return new StreamableFile(file.stream, { type: file.mimeType, length: file.size, disposition: 'inline' });
  }
}
