"use client";

// retry (Next 16.3+) fetches the segment's server components again; reset() would only
// re-render what already failed on the server.
export default function PortalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
      <p className="font-semibold">This page could not be loaded.</p>
      <p className="mt-1">The problem was logged. Try again, and tell an admin if it keeps happening.</p>
      <button type="button" onClick={() => retry()} className="mt-3 underline">
        Try again
      </button>
    </div>
  );
}
