import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { text, timestamp } from '../database/columns';
import { Sql } from '../database/sql';
import { UnknownTimeZoneError } from './overview.errors';

/** PostgreSQL's answer to a time zone name it does not know. */
const INVALID_PARAMETER_VALUE = '22023';

export interface DayBounds {
  /** The calendar date in the time zone, `YYYY-MM-DD`. */
  date: string;
  start: Date;
  end: Date;
}

/** The overview's calendar day, by the database's clock; the counts come from the tables' owners. */
@Injectable()
export class OverviewRepository {
  constructor(private readonly sql: Sql) {}

  /** Today in the time zone, by the database's clock; a day is 23 or 25 hours long when clocks change. */
  async today(timeZone: string): Promise<DayBounds> {
    const [day] = await this.sql
      .query(
        `SELECT to_char(d.local_day, 'YYYY-MM-DD') AS date,
              d.local_day AT TIME ZONE $1 AS start,
              (d.local_day + interval '1 day') AT TIME ZONE $1 AS end
       FROM (SELECT date_trunc('day', now() AT TIME ZONE $1) AS local_day) d`,
        [timeZone],
        (row) => ({ date: text(row, 'date'), start: timestamp(row, 'start'), end: timestamp(row, 'end') }),
      )
      .catch((error: unknown) => {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        throw code === INVALID_PARAMETER_VALUE ? new UnknownTimeZoneError(timeZone) : error;
      });
    return day!;
  }
}
