import { Module } from '@nestjs/common';
import { AutomationQueue } from './automation-queue';

/** Only the producer of `automation`: what the inbound path and the conversations module hand events to. */
@Module({ providers: [AutomationQueue], exports: [AutomationQueue] })
export class AutomationQueueModule {}
