import { z } from "zod";
import { fetchDueVideos } from "@/lib/work-items/video-fetch";
import { command } from "../command";

export const videoCommands = [
  command({
    name: "videos:fetch",
    summary: "Fetch every video whose link is due now, then exit (cron-style, with VIDEO_FETCHER=off; the server's fetcher does the same)",
    usage: "videos:fetch",
    flags: z.object({}).strict(),
    run: () => fetchDueVideos(),
  }),
];
