import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Work-order portal", template: "%s · Work-order portal" },
  description: "Work orders, photos and surveys exchanged with Pruvan",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page is rendered per request, the 404 and sign-in pages too: each carries its own
// script nonce (lib/http/security-headers.ts), which a page built ahead of time cannot.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
