import { formatBytes } from "@/lib/format";
import type { ItemHistory } from "@/lib/work-items/views";

/**
 * A re-published item's earlier versions (the same uuId published again with another file or
 * metadata): when each arrived, what the next publish changed, and its file.
 */
export function ItemHistoryList({ history }: { history: ItemHistory }) {
  if (history.earlier.length === 0) return null;
  return (
    <details data-testid="item-history" className="text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">
        Re-published: version {history.version}, {history.earlier.length} earlier
      </summary>
      <ol className="mt-1 space-y-1 text-slate-700">
        {history.earlier.map((v) => (
          <li key={v.version}>
            Version {v.version}, received {v.receivedAt}; replaced {v.replacedAt}
            {v.changed ? <span className="text-slate-500"> (changed: {v.changed})</span> : null}
            {v.download ? (
              <>
                {" "}
                <a href={v.download} download className="font-medium text-brand-700 underline">
                  Download{v.fileSize ? ` (${formatBytes(v.fileSize)})` : ""}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
