// CRM credentials at rest: AES-GCM with a 256-bit key held as a Worker secret
// (CRM_ENCRYPTION_KEY, base64), a fresh 96-bit IV per write, and the provider as additional
// authenticated data, so a ciphertext copied onto another connection's row fails to decrypt.
// Plaintext credentials exist only in memory for the call that needs them.

const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export class VaultKeyError extends Error {}

async function importKey(keyB64: string | undefined): Promise<CryptoKey> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = unb64(keyB64 ?? "");
  } catch {
    throw new VaultKeyError("CRM_ENCRYPTION_KEY is not base64");
  }
  if (raw.length !== 32) throw new VaultKeyError("CRM_ENCRYPTION_KEY must be 32 bytes (base64 of a 256-bit key)");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function sealJson(
  keyB64: string | undefined,
  context: string,
  value: unknown,
): Promise<{ ciphertext: string; iv: string }> {
  const key = await importKey(keyB64);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: enc.encode(context) },
    key,
    enc.encode(JSON.stringify(value)),
  );
  return { ciphertext: b64(new Uint8Array(sealed)), iv: b64(iv) };
}

export async function openJson<T>(
  keyB64: string | undefined,
  context: string,
  sealed: { ciphertext: string; iv: string },
): Promise<T> {
  const key = await importKey(keyB64);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(sealed.iv), additionalData: enc.encode(context) },
    key,
    unb64(sealed.ciphertext),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
