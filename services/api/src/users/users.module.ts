import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { Invitation, User } from '../database/entities';
import { InvitationRepository } from './invitation.repository';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Invitation]), AuditLogsModule],
  controllers: [UsersController],
  providers: [UserRepository, InvitationRepository, UsersService],
  exports: [UserRepository, InvitationRepository],
})
export class UsersModule {}
