import { Injectable } from '@nestjs/common';
import { BCRYPT_COST } from '@aerostic/shared';
import { compare, hash, hashSync } from 'bcrypt';

// Compared against when the email is unknown, so that both cases take the same time.
const DUMMY_HASH = hashSync('aerostic-timing-equaliser', BCRYPT_COST);

@Injectable()
export class PasswordService {
  hash(password: string): Promise<string> {
    return hash(password, BCRYPT_COST);
  }

  verify(password: string, passwordHash: string | null): Promise<boolean> {
    return compare(password, passwordHash ?? DUMMY_HASH).then((ok) => ok && passwordHash !== null);
  }
}
