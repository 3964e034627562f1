import { type MediaKind } from '../constants/messaging';

/**
 * `POST /media`: a file uploaded to WhatsApp through one of the workspace's numbers. `id` is Meta's media id, to
 * send as `{ type, [type]: { id } }` in `POST /conversations/:id/messages` from the same number.
 */
export interface UploadedMediaDto {
  id: string;
  type: MediaKind;
  mimeType: string;
  fileSize: number;
  filename: string;
}
