import { Table, Td } from "@/components/ui/table";
import { formatBytes } from "@/lib/format";
import type { FileView } from "@/lib/work-items/views";
import { ItemHistoryList } from "./item-history";

/** Items of fileType "file" (the doc: currently PDFs). */
export function OtherFiles({ files }: { files: FileView[] }) {
  return (
    <Table head={["File", "Service", "Sent by", "Received", "Size", ""]} caption="Other files">
      {files.map((f) => (
        <tr key={f.id}>
          <Td>
            {f.fileName}
            {f.fileExt ? `.${f.fileExt}` : ""}
            <ItemHistoryList history={f.history} />
          </Td>
          <Td>{f.serviceName}</Td>
          <Td>{f.takenBy ?? "-"}</Td>
          <Td>{f.receivedAt}</Td>
          <Td>{formatBytes(f.fileSize)}</Td>
          <Td>
            {f.urls.download ? (
              <a className="text-brand-700 underline" href={f.urls.download} download>
                Download
              </a>
            ) : (
              "-"
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
