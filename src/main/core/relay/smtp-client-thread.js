// The outbound SMTP client, run on a worker thread so that talking to the smarthost does not
// take turns with the inbound listeners on the main event loop. Plain JavaScript: it must load
// in a worker without the TypeScript loader. Messages in: { id, envelope, raw }; out:
// { id, ok, response } or { id, ok: false, message, responseCode }.
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';

const transporter = nodemailer.createTransport(workerData.options);

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    transporter.close();
    parentPort.close();
    return;
  }
  transporter.sendMail({ envelope: msg.envelope, raw: Buffer.from(msg.raw.buffer, msg.raw.byteOffset, msg.raw.byteLength) }).then(
    (info) => parentPort.postMessage({ id: msg.id, ok: true, response: info.response ?? '250 OK' }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, message: String(err?.message ?? err), responseCode: err?.responseCode }),
  );
});
