// The id a send carries so that a retry never posts twice (the server answers a repeat with the first message).
// 32 characters of [0-9a-f], inside the protocol's 8–64 of [A-Za-z0-9_-].
export function newClientId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
