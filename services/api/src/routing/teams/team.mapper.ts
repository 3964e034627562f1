import { type TeamDto } from '@aerostic/shared';
import { type Team } from './team.row';

export function toTeamDto(team: Team): TeamDto {
  return { id: team.id, name: team.name, memberIds: team.memberIds, createdAt: team.createdAt.toISOString() };
}
