/**
 * Raw HTTP over a TCP socket, for requests that fetch and node:http would normalise or refuse to
 * send (a malformed request target, a broken header, duplicate headers).
 */
import { connect } from 'node:net';

export interface RawExchange {
  /** `HTTP/1.1 400 Bad Request`, or '' when the server closed without answering. */
  readonly statusLine: string;
  readonly status: number;
  readonly text: string;
}

/**
 * Sends the bytes and collects everything the server writes until it closes the socket (the
 * server closes after a malformed request, and after any request that says `Connection: close`).
 * Fails with a message (not a test timeout) when the server neither answers nor closes within the
 * deadline. The socket is not half-closed: Node's server drops answers still being prepared when
 * the client half-closes, which would hide what the server answered.
 */
export function rawExchange(port: number, bytes: string | Buffer, deadlineMs = 5_000): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const answered = Buffer.concat(chunks).toString('latin1').split('\r\n', 1)[0] ?? '';
      const what = answered === '' ? 'neither answered nor closed the connection' : `answered ${JSON.stringify(answered)} but kept the connection open`;
      reject(new Error(`The server ${what} within ${deadlineMs} ms; it received ${JSON.stringify(bytes.toString().replace(/Bearer \S+/g, 'Bearer ***').slice(0, 120))}`));
    }, deadlineMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer still counts as the answer.
      if (error.code !== 'ECONNRESET' || chunks.length === 0) {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const statusLine = text.split('\r\n', 1)[0] ?? '';
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      resolve({ statusLine, status, text });
    });
    socket.write(bytes);
  });
}

/** A request head and body as raw bytes, `Connection: close` so the exchange ends with the answer. */
export function rawRequest(requestLine: string, headers: readonly (readonly [string, string])[], body = ''): string {
  const lines = [requestLine, ...headers.map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
