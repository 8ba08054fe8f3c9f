export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file is larger than the limit of ${limit} bytes`);
  }
}

/** The storage itself failed (a full disk, an unreachable bucket): our problem, never the sender's. */
export class StorageFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
