import { Badge } from "@/components/ui/badge";
import type { PhotoView } from "@/lib/work-items/views";

/** A video's link and its state: pruvan-api-v2 "The link will expire 24hrs after it was sent." */
export function VideoLink({ video }: { video: NonNullable<PhotoView["video"]> }) {
  if (video.expired) {
    return (
      <p className="text-sm">
        <Badge tone="red">Link expired</Badge> <span className="text-xs text-slate-600">{video.expiresAt}</span>
      </p>
    );
  }
  if (!video.uri) return <p className="text-sm text-amber-800">Pruvan sent a video link that is not a web address.</p>;
  return (
    <p className="text-sm">
      <a href={video.uri} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
        Open video
      </a>
      <span className="block text-xs text-slate-600">Link expires {video.expiresAt} (24 h after it was sent)</span>
    </p>
  );
}
