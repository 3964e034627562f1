import type { Clock } from '../clock';
import { AccountStore } from './accounts';
import { ConversationStore } from './conversations';
import { CustomerStore } from './customers';
import { IdGenerator } from './ids';
import { MediaStore } from './media-store';
import { Outbox } from './outbox';
import { ReadReceipts } from './read-receipts';
import { ResumableUploads } from './resumable-uploads';
import { SendLimits } from './send-limits';
import { TemplateStore } from './templates';
import { TokenStore } from './tokens';

/**
 * Everything the sandbox knows, in memory. Read the stores through this object at request time:
 * reset() replaces them. The id generator survives a reset so old ids are never handed out again.
 */
export class SandboxState {
  private readonly ids = new IdGenerator();
  accounts!: AccountStore;
  tokens!: TokenStore;
  media!: MediaStore;
  outbox!: Outbox;
  readReceipts!: ReadReceipts;
  conversations!: ConversationStore;
  customers!: CustomerStore;
  sendLimits!: SendLimits;
  templates!: TemplateStore;
  uploads!: ResumableUploads;

  constructor(private readonly clock: Clock) {
    this.reset();
  }

  reset(): void {
    this.accounts = new AccountStore(this.ids, this.clock);
    this.tokens = new TokenStore(this.ids, this.clock);
    this.media = new MediaStore(this.ids, this.clock);
    this.outbox = new Outbox();
    this.readReceipts = new ReadReceipts();
    this.conversations = new ConversationStore();
    this.customers = new CustomerStore();
    this.sendLimits = new SendLimits();
    this.templates = new TemplateStore(this.ids, this.clock);
    this.uploads = new ResumableUploads();
  }
}
