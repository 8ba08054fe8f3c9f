import { EmptyState } from "@/components/ui/empty-state";
import type { PhotoView } from "@/lib/work-items/views";
import { PhotoThumb } from "./photo-browser";
import { ItemHistoryList } from "./item-history";
import { VideoLink } from "./video-link";

/**
 * Videos arrive as a still photo plus a link (pruvan-api-v2: "videoUri ... valid for 24 hrs");
 * the portal fetches each into storage soon after it arrives and plays that copy.
 */
export function VideoList({ videos }: { videos: PhotoView[] }) {
  if (videos.length === 0) return <EmptyState title="No videos" />;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        The portal keeps a copy of each video, fetched from Pruvan&apos;s link, which expires 24 h after it was sent. If a fetch fails,
        re-publish the video to this integration from Pruvan to send a new link.
      </p>
      <ul className="grid gap-3 lg:grid-cols-2">
        {videos.map((v) => (
          <li key={v.id} data-testid="video-item" className="flex gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <div className="w-24 shrink-0">
              <PhotoThumb id={v.id} src={v.urls.thumb} alt={`Video still: ${v.alt}`} badge="Video" />
            </div>
            <div className="min-w-0 flex-1 space-y-1 text-sm">
              <p className="font-medium">
                {v.evidenceLabel} · {v.serviceName}
              </p>
              <VideoLink video={v.video!} label={v.alt} />
              <ItemHistoryList history={v.history} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
