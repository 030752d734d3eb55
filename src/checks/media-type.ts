/** The media type of a Content-Type value, lower-case, without parameters (`; charset=utf-8`). */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  return contentType.split(';')[0].trim().toLowerCase();
}
