import { Badge } from "@/components/ui/badge";
import { DescriptionList } from "@/components/ui/description-list";
import { formatBytes } from "@/lib/format";
import type { Flag, PhotoView } from "@/lib/work-items/views";
import { GpsValue } from "./gps-value";
import { ItemHistoryList } from "./item-history";
import { VideoLink } from "./video-link";

const FLAG_TEXT = { yes: ["green", "Yes"], no: ["amber", "No"], unknown: ["gray", "Not reported"] } as const;

function FlagBadge({ value }: { value: Flag | null }) {
  if (value === null) return null;
  const [tone, text] = FLAG_TEXT[value];
  return <Badge tone={tone}>{text}</Badge>;
}

/** What Pruvan told us about a photo or CSR (pruvan-api-v2 uploadPictures fields). */
export function PhotoMetadata({ photo }: { photo: PhotoView }) {
  const rows = [
    { label: "Service", value: photo.serviceName },
    { label: "Evidence type", value: photo.evidenceLabel },
    { label: "Taken by", value: photo.takenBy ? `${photo.takenBy}${photo.account ? ` (${photo.account})` : ""}` : photo.account },
    { label: "Time taken (device time)", value: photo.takenAt },
    { label: "Received", value: photo.receivedAt },
    { label: "GPS", value: <GpsValue gps={photo.gps} time={photo.gpsTime} /> },
    { label: "Distance from the address", value: photo.distance },
    ...(photo.csr
      ? [
          { label: "Photos on this record", value: photo.csr.pictures },
          { label: "Authenticated photos", value: photo.csr.authenticated },
          { label: "Certified time photos", value: photo.csr.certifiedTime },
          { label: "Certified location photos", value: photo.csr.certifiedLocation },
        ]
      : [
          { label: "Certified time", value: <FlagBadge value={photo.certifiedTime} /> },
          { label: "Certified location", value: <FlagBadge value={photo.certifiedLocation} /> },
          { label: "Authenticated", value: <FlagBadge value={photo.authenticated} /> },
        ]),
    { label: "Notes", value: photo.notes },
  ];
  return (
    <div className="space-y-4">
      <h2 className="text-sm font-semibold">{photo.kind === "csr" ? "Certified service record" : "Photo details"}</h2>
      <DescriptionList items={rows} />
      {photo.video ? <VideoLink video={photo.video} label={photo.alt} /> : null}
      {photo.urls.download ? (
        <a href={photo.urls.download} download className="inline-block text-sm font-medium text-brand-700 underline">
          Download original{photo.fileSize ? ` (${formatBytes(photo.fileSize)})` : ""}
        </a>
      ) : null}
      <ItemHistoryList history={photo.history} />
    </div>
  );
}
