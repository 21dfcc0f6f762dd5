import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver/node';

/**
 * The stdio transport's writer: each message as one write of header and content. The library's
 * stream writer writes the header, waits for its callback, then writes the content: two system
 * calls and a turn of the event loop per message, on the path of every published diagnostic.
 * The content is the message as JSON in UTF-8 (the protocol's default content type).
 */
export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const json = JSON.stringify(msg);
    const length = Buffer.byteLength(json, 'utf8');
    const header = `Content-Length: ${length}\r\n\r\n`;
    const frame = Buffer.allocUnsafe(header.length + length);
    frame.write(header, 0, 'ascii');
    frame.write(json, header.length, 'utf8');
    return new Promise((resolve, reject) => {
      this.out.write(frame, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errors);
        reject(error);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}
