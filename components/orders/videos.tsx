import { EmptyState } from "@/components/ui/empty-state";
import type { PhotoView } from "@/lib/work-items/views";
import { PhotoThumb } from "./photo-browser";
import { ItemHistoryList } from "./item-history";
import { VideoLink } from "./video-link";

/** Videos arrive as a still photo plus a link (pruvan-api-v2: "videoUri ... valid for 24 hrs"). */
export function VideoList({ videos }: { videos: PhotoView[] }) {
  if (videos.length === 0) return <EmptyState title="No videos" />;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Each link expires 24 h after it was sent. To get a new link, the video must be re-published to this integration from Pruvan.
      </p>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {videos.map((v) => (
          <li key={v.id} className="flex gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <div className="w-24 shrink-0">
              <PhotoThumb id={v.id} src={v.urls.thumb} alt={`Video still: ${v.alt}`} badge="Video" />
            </div>
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-medium">
                {v.evidenceLabel} · {v.serviceName}
              </p>
              <VideoLink video={v.video!} />
              <ItemHistoryList history={v.history} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
