import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-lg font-semibold">Admins only</h1>
      <p className="mt-2 text-sm text-slate-600">This page is for portal administrators. Ask an admin if you need access.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-brand-700 underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
