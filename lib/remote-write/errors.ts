// The error of a remote-write request refused as a whole: the status to answer and a message for the sender's log.
import { HttpError } from "../http/errors";

/** 400: malformed body; 413: decompressed body above the limit; 415: content type or encoding not supported. */
export type RemoteWriteStatus = 400 | 413 | 415;

export class RemoteWriteError extends HttpError {
  declare readonly status: RemoteWriteStatus;

  constructor(status: RemoteWriteStatus, message: string) {
    super(status, message);
    this.name = "RemoteWriteError";
  }
}
