import { describeError, httpStatusOf, type ErrorCode } from '@haki/contracts';

/** Text for HTML: the five characters that could open markup or an attribute, escaped. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The part of Express's response a page handler uses (Nest's `@Res()`). */
export interface PageResponse {
  status(code: number): PageResponse;
  type(type: string): PageResponse;
  send(body: string): void;
}

/**
 * Answers with the page `render` makes, or, when it throws a coded error, with `problem(code)` as a page
 * under that error's HTTP status: the pages people open from a link get pages back, not JSON.
 * Uncoded errors go on to the error filter (500).
 */
export async function sendPage(response: PageResponse, render: () => Promise<string>, problem: (code: ErrorCode) => string): Promise<void> {
  try {
    response
      .status(200)
      .type('html')
      .send(await render());
  } catch (error) {
    const coded = describeError(error);
    if (!coded) throw error;
    response.status(httpStatusOf(coded.code)).type('html').send(problem(coded.code));
  }
}
