import { Badge } from "@/components/ui/badge";
import { formatBytes } from "@/lib/format";
import type { VideoView } from "@/lib/work-items/views";

/**
 * A video: the copy fetched into storage, played here; how its fetch goes (and why it
 * failed); and Pruvan's link, which dies 24 h after it was sent (pruvan-api-v2 "uploadPictures").
 */
export function VideoLink({ video, label }: { video: VideoView; label: string }) {
  return (
    <div className="space-y-1 text-sm" data-testid="video">
      {video.stored ? (
        <>
          <video
            controls
            preload="metadata"
            src={video.stored.url}
            aria-label={`Video: ${label}`}
            data-testid="video-player"
            className="w-full max-w-md rounded bg-black"
          />
          <p className="text-xs text-slate-600">
            Stored copy{video.stored.size ? `, ${formatBytes(video.stored.size)}` : ""}
            {video.fetch?.fetchedAt ? `, fetched ${video.fetch.fetchedAt}` : ""}.{" "}
            <a href={video.stored.url} download className="font-medium text-brand-700 underline">
              Download video
            </a>
          </p>
        </>
      ) : null}
      <FetchState video={video} />
      <LinkState video={video} />
    </div>
  );
}

function FetchState({ video }: { video: VideoView }) {
  const fetch = video.fetch;
  if (!fetch || fetch.state === "fetched") return null;
  if (fetch.state === "failed") {
    return (
      <p role="status" data-testid="video-fetch-failed" className="text-red-800">
        <Badge tone="red">Video fetch failed</Badge> {fetch.error ?? "No reason was recorded."} To fetch it again, re-publish the video from
        Pruvan: that sends a new link.
      </p>
    );
  }
  const note = video.stored ? " The stored copy above is from the earlier link." : "";
  if (fetch.state === "fetching") return <p className="text-slate-700">Fetching the video from its link now.{note}</p>;
  return (
    <p className="text-slate-700">
      <Badge tone="amber">Waiting to fetch</Badge>{" "}
      {fetch.attempts > 0 ? `Attempt ${fetch.attempts} failed: ${fetch.error ?? "no reason recorded"}. ` : ""}Next try {fetch.nextAttemptAt}
      .{note}
    </p>
  );
}

function LinkState({ video }: { video: VideoView }) {
  if (video.expired) {
    return (
      <p>
        <Badge tone="gray">Pruvan&apos;s link expired</Badge> <span className="text-xs text-slate-600">{video.expiresAt}</span>
      </p>
    );
  }
  if (!video.uri) return <p className="text-amber-800">Pruvan sent a video link that is not a web address.</p>;
  return (
    <p>
      <a href={video.uri} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
        Open Pruvan&apos;s link
      </a>
      <span className="block text-xs text-slate-600">Link expires {video.expiresAt} (24 h after it was sent)</span>
    </p>
  );
}
