// The floor of the webhook-ingest bench: node:http that reads each body and answers 200, and does nothing else
// (no signature, no Redis). Its latency under the same load is what this machine gives any Node.js server, so the
// worker's figures can be read against it. Started by run.mjs; not part of the product.
import { createServer } from 'node:http';

const ACCEPTED_BODY = '{"received":true}';

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': ACCEPTED_BODY.length });
    res.end(ACCEPTED_BODY);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
