import headers from "./security-headers.json";

// The security headers of every response: pages, the staff file routes and the Pruvan API.
// next.config.js applies them to what Next serves (it reads the JSON: a next.config.ts
// would load a TypeScript compiler into the server, +30 MB RSS measured); the custom
// server (lib/server/main.ts) adds them to the Pruvan API it answers in front of Next.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headers;
