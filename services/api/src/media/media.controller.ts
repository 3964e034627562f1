import { Body, Controller, Get, Header, Param, Post, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type UploadedMediaDto } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { UploadMediaDto } from './dto/media.dto';
import { FileUpload } from './file-upload.decorator';
import { contentDisposition } from './media-disposition';
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
  @FileUpload()
  upload(
    @CurrentTenant() principal: Principal,
    @Body() body: UploadMediaDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<UploadedMediaDto> {
    return this.media.upload(principal, body, file);
  }

  /**
   * The file of a media message, by message id, once it was downloaded from WhatsApp: with its stored type, never
   * sniffed, and as a download unless it is a raster image a browser can show safely.
   */
  @Get(':id')
  @Header('X-Content-Type-Options', 'nosniff')
  async download(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<StreamableFile> {
    const file = await this.media.open(principal, params.id);
    return new StreamableFile(file.stream, {
      type: file.mimeType,
      length: file.size,
      disposition: contentDisposition(file.mimeType, file.filename),
    });
  }
}
