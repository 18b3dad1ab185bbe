// The Node counting SMTP sink, run as `node bench/relay.mjs --node-sink PORT` when smtp-sink is
// missing or we are not root. It prints "mesg=K" like `smtp-sink -c` so one parser serves both.
import { HOST } from './constants.mjs';

export async function runNodeSink(port) {
  const { SMTPServer } = await import('smtp-server');
  let mesg = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    maxClients: 1000,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        mesg += 1;
        process.stdout.write(`mesg=${mesg}\r`);
        callback();
      });
    },
  });
  server.listen(port, HOST, () => process.stdout.write('listening\r'));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop); // the parent went away
  process.stdin.resume();
  setTimeout(() => process.exit(0), 6 * 3600_000).unref(); // hard bound
}
