import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../../analytics/analytics.module';
import { AdminAnalyticsController } from './admin-analytics.controller';

@Module({
  imports: [AnalyticsModule],
  controllers: [AdminAnalyticsController],
})
export class AdminAnalyticsModule {}
