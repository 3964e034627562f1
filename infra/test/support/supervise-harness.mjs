// Runs one service under `npm run stack`'s supervisor and prints each supervisor line, for stack-restart.int-spec.ts.
// argv: the service's exit behaviour ("lives" or "dies"), then the policy's maxCrashes and firstDelayMs.
import { Supervised } from '../../../scripts/stack/processes.mjs';
import { RestartPolicy } from '../../../scripts/stack/restart-policy.mjs';

const [behaviour, maxCrashes, firstDelayMs] = process.argv.slice(2);
const code = behaviour === 'dies' ? 'process.exit(3)' : 'setInterval(() => {}, 1000)';
const service = new Supervised(
  'tiny',
  process.execPath,
  ['-e', code],
  { cwd: process.cwd(), env: process.env },
  {
    policy: new RestartPolicy({ maxCrashes: Number(maxCrashes), firstDelayMs: Number(firstDelayMs) }),
    log: (line) => process.stdout.write(`supervisor| ${line}\n`),
    onGiveUp: () => {
      process.stdout.write('supervisor| gave up\n');
      process.exit(0);
    },
  },
);
// SIGTERM from the test stops the service for good, as Ctrl-C stops the stack.
process.on('SIGTERM', () => {
  void service.stop(2_000).then(() => {
    process.stdout.write('supervisor| stopped\n');
    process.exit(0);
  });
});
