import { BadRequestException } from '@nestjs/common';
import { problem } from '@concierge/shared/util-http';
import { decodeCursor, InvalidCursorError, type CursorReader } from './cursor.codec';

/** A cursor from the query, or a 400 problem (`invalid-cursor`) that says why without echoing it. */
export function cursorFromQuery<T>(raw: string, read: CursorReader<T>): T {
  try {
    return decodeCursor(raw, read);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw new BadRequestException(
      problem(
        400,
        `${error.message} Start again without a cursor, or pass the "next" value of a page as it is.`,
        { type: 'invalid-cursor' },
      ),
    );
  }
}
