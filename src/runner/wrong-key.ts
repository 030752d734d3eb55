/** The key a wrong-credentials step sends: no secret, and no key any server issued. */
export const WRONG_API_KEY = 'open-responses-check-wrong-key';
